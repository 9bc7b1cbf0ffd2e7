using System;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Mindee.Ocr.AotSmoke;

/// <summary>
/// A small HTTP/1.1 server on 127.0.0.1 that hands each request to an <see cref="HttpMessageHandler"/>
/// (here the test kit's fake service) and writes its response back, so the client runs over real
/// sockets. Requests need a Content-Length (the client sends one for files and bytes).
/// </summary>
internal sealed class LoopbackHttpServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly HttpMessageInvoker _handler;
    private readonly CancellationTokenSource _stop = new();

    public LoopbackHttpServer(HttpMessageHandler handler)
    {
        _handler = new HttpMessageInvoker(handler, disposeHandler: false);
        _listener.Start();
        _ = AcceptAsync();
    }

    public Uri BaseAddress => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                _ = ServeAsync(await _listener.AcceptSocketAsync(_stop.Token));
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        using var stream = new NetworkStream(socket, ownsSocket: true);
        var buffer = new byte[64 * 1024];
        int filled = 0;
        try
        {
            while (true)
            {
                int headerEnd;
                while ((headerEnd = buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8)) < 0)
                {
                    if (filled == buffer.Length)
                    {
                        Array.Resize(ref buffer, buffer.Length * 2);
                    }

                    int n = await stream.ReadAsync(buffer.AsMemory(filled), _stop.Token);
                    if (n == 0)
                    {
                        return;
                    }

                    filled += n;
                }

                var lines = Encoding.ASCII.GetString(buffer, 0, headerEnd).Split("\r\n");
                var requestLine = lines[0].Split(' ');
                var headers = lines.Skip(1).Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
                int length = headers.TryGetValue("Content-Length", out var cl) ? int.Parse(cl, CultureInfo.InvariantCulture) : 0;
                int bodyStart = headerEnd + 4;
                while (filled < bodyStart + length)
                {
                    if (filled == buffer.Length)
                    {
                        Array.Resize(ref buffer, Math.Max(buffer.Length * 2, bodyStart + length));
                    }

                    int n = await stream.ReadAsync(buffer.AsMemory(filled), _stop.Token);
                    if (n == 0)
                    {
                        return;
                    }

                    filled += n;
                }

                using var request = new HttpRequestMessage(new HttpMethod(requestLine[0]), new Uri(BaseAddress, requestLine[1]));
                if (length > 0 || requestLine[0] == "POST")
                {
                    request.Content = new ByteArrayContent(buffer, bodyStart, length);
                    if (headers.TryGetValue("Content-Type", out var type))
                    {
                        request.Content.Headers.TryAddWithoutValidation("Content-Type", type);
                    }
                }

                if (headers.TryGetValue("Authorization", out var auth))
                {
                    request.Headers.TryAddWithoutValidation("Authorization", auth);
                }

                using var response = await _handler.SendAsync(request, _stop.Token);
                var body = await response.Content.ReadAsByteArrayAsync(_stop.Token);
                var head = new StringBuilder()
                    .Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {(int)response.StatusCode} {response.ReasonPhrase}\r\n")
                    .Append(CultureInfo.InvariantCulture, $"Content-Length: {body.Length}\r\n");
                foreach (var header in response.Headers.Concat(response.Content.Headers))
                {
                    if (!header.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                    {
                        head.Append(header.Key).Append(": ").Append(string.Join(", ", header.Value)).Append("\r\n");
                    }
                }

                await stream.WriteAsync(Encoding.ASCII.GetBytes(head.Append("\r\n").ToString()), _stop.Token);
                await stream.WriteAsync(body, _stop.Token);

                buffer.AsSpan(bodyStart + length, filled - bodyStart - length).CopyTo(buffer);
                filled -= bodyStart + length;
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or System.IO.IOException)
        {
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _handler.Dispose();
        _stop.Dispose();
    }
}
