using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Mindee.Ocr.Benchmarks;

/// <summary>
/// A raw HTTP/1.1 sink on loopback: it reads each request into one reusable buffer, discards
/// the body, and answers 202 with a fixed job. It allocates nothing per request, so the
/// benchmark's allocation figures are the client's own.
/// </summary>
public sealed class SinkServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly byte[] _response;

    public SinkServer()
    {
        var body = """{"job":{"id":"bench-job","model_id":"bench-model","filename":"f.pdf","alias":null,"created_at":"2025-07-03T14:27:58.974451","completed_at":null,"status":"Processing","polling_url":"http://127.0.0.1/v2/jobs/bench-job","result_url":null,"webhooks":[],"error":null}}""";
        _response = Encoding.ASCII.GetBytes($"HTTP/1.1 202 Accepted\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n{body}");
        _listener.Start();
        _ = AcceptLoopAsync();
    }

    public Uri BaseAddress => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    /// <summary>Body bytes received and discarded so far.</summary>
    public long BytesDiscarded => Interlocked.Read(ref _discarded);

    private long _discarded;

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            _ = ServeAsync(socket);
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        var buffer = new byte[256 * 1024];
        using (socket)
        {
            try
            {
                while (true)
                {
                    // Headers: read until the blank line.
                    int filled = 0, headerEnd;
                    while ((headerEnd = buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8)) < 0)
                    {
                        int n = await socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, _stop.Token);
                        if (n == 0)
                        {
                            return;
                        }

                        filled += n;
                    }

                    long remaining = ContentLength(buffer.AsSpan(0, headerEnd)) - (filled - headerEnd - 4);
                    Interlocked.Add(ref _discarded, filled - headerEnd - 4);
                    while (remaining > 0)
                    {
                        int n = await socket.ReceiveAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)), SocketFlags.None, _stop.Token);
                        if (n == 0)
                        {
                            return;
                        }

                        remaining -= n;
                        Interlocked.Add(ref _discarded, n);
                    }

                    await socket.SendAsync(_response, SocketFlags.None, _stop.Token);
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException)
            {
            }
        }
    }

    private static long ContentLength(ReadOnlySpan<byte> headers)
    {
        var marker = "\r\nContent-Length: "u8;
        int at = headers.IndexOf(marker);
        if (at < 0)
        {
            throw new InvalidOperationException("The sink handles requests with a Content-Length only.");
        }

        var rest = headers[(at + marker.Length)..];
        long value = 0;
        foreach (var b in rest)
        {
            if (b < '0' || b > '9')
            {
                break;
            }

            value = (value * 10) + (b - '0');
        }

        return value;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }
}
