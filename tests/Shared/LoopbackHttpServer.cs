using System;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Mindee.Ocr.Harness;

/// <summary>
/// A small HTTP/1.1 server on 127.0.0.1, shared by the tests, the samples and the benchmarks
/// (linked into each): it hands every request to an <see cref="HttpMessageHandler"/> (such as the
/// test kit's fake service) and streams the response back, so a client runs over real sockets.
/// Two other modes: <see cref="Answering"/> discards request bodies without allocating and answers
/// one fixed response (a sink for upload benchmarks, a counter of connections), and
/// <see cref="Silent"/> reads whatever comes and never answers (a hung service).
/// </summary>
public sealed class LoopbackHttpServer : IDisposable
{
    private const int BufferSize = 256 * 1024;

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly HttpMessageInvoker? _invoker;
    private readonly byte[]? _fixedResponse;
    private int _connections;
    private int _requests;
    private long _bodyBytes;
    private readonly System.Collections.Generic.List<(long Count, TaskCompletionSource Waiter)> _waiters = [];

    private LoopbackHttpServer(HttpMessageHandler? handler, byte[]? fixedResponse)
    {
        _invoker = handler is null ? null : new HttpMessageInvoker(handler, disposeHandler: false);
        _fixedResponse = fixedResponse;
        _listener.Start();
        _ = AcceptAsync();
    }

    /// <summary>The server's address, such as <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    /// <summary>How many TCP connections were accepted.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>How many requests were read whole.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>How many request body bytes were received (for <see cref="Silent"/>, every byte, headers too).</summary>
    public long BodyBytesReceived => Interlocked.Read(ref _bodyBytes);

    /// <summary>Completes once <see cref="BodyBytesReceived"/> reaches <paramref name="count"/>: a test's signal that a request went out.</summary>
    public Task WhenReceivedAsync(long count)
    {
        var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waiters)
        {
            _waiters.Add((count, waiter));
        }

        Received(0);
        return waiter.Task;
    }

    /// <summary>Each request goes to <paramref name="handler"/>; its response is streamed back.</summary>
    public static LoopbackHttpServer Handling(HttpMessageHandler handler) =>
        new(handler ?? throw new ArgumentNullException(nameof(handler)), null);

    /// <summary>Every request gets the same JSON answer; request bodies are read into one reusable buffer and dropped.</summary>
    public static LoopbackHttpServer Answering(int status, string json)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var head = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"HTTP/1.1 {status} {Reason(status)}\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n"));
        return new(null, [.. head, .. body]);
    }

    /// <summary>Accepts connections and reads what comes, never answering: a service that hangs after taking a request.</summary>
    public static LoopbackHttpServer Silent() => new(null, null);

    /// <summary>Stops listening and closes every connection.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _invoker?.Dispose();
        _stop.Dispose();
    }

    private void Received(long count)
    {
        long total = Interlocked.Add(ref _bodyBytes, count);
        lock (_waiters)
        {
            _waiters.RemoveAll(w =>
            {
                if (total < w.Count)
                {
                    return false;
                }

                w.Waiter.TrySetResult();
                return true;
            });
        }
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var socket = await _listener.AcceptSocketAsync(_stop.Token).ConfigureAwait(false);
                Interlocked.Increment(ref _connections);
                _ = ServeAsync(socket);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        using var stream = new NetworkStream(socket, ownsSocket: true);
        var connection = new Connection(stream, _stop.Token);
        try
        {
            while (true)
            {
                if (_invoker is null && _fixedResponse is null)
                {
                    // Silent: take everything, answer nothing.
                    await connection.DiscardToEndAsync(Received).ConfigureAwait(false);
                    return;
                }

                int headLength = await connection.ReadHeadAsync().ConfigureAwait(false);
                if (headLength < 0)
                {
                    return;
                }

                bool keepAlive = _invoker is null
                    ? await DiscardAsync(connection, headLength).ConfigureAwait(false)
                    : await HandleAsync(connection, stream, headLength).ConfigureAwait(false);
                if (!keepAlive)
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException or InvalidDataException)
        {
        }
    }

    /// <summary>Drops the body (no allocation) and writes the fixed response.</summary>
    private async Task<bool> DiscardAsync(Connection connection, int headLength)
    {
        var head = connection.Buffered(headLength);
        long length = ContentLength(head.Span);
        bool chunked = IsChunked(head.Span);
        connection.Consume(headLength);
        long received = chunked ? await connection.ReadChunkedAsync(null).ConfigureAwait(false) : await connection.CopyAsync(length, null).ConfigureAwait(false);
        Received(received);
        Interlocked.Increment(ref _requests);
        await connection.Stream.WriteAsync(_fixedResponse, connection.Stopping).ConfigureAwait(false);
        return true;
    }

    /// <summary>Builds the request, asks the handler, streams the response back.</summary>
    private async Task<bool> HandleAsync(Connection connection, NetworkStream stream, int headLength)
    {
        var lines = Encoding.ASCII.GetString(connection.Buffered(headLength).Span).Split(["\r\n"], StringSplitOptions.RemoveEmptyEntries);
        long length = ContentLength(connection.Buffered(headLength).Span);
        bool chunked = IsChunked(connection.Buffered(headLength).Span);
        connection.Consume(headLength);
        var requestLine = lines[0].Split(' ');
        using var body = new MemoryStream();
        long received = chunked ? await connection.ReadChunkedAsync(body).ConfigureAwait(false) : await connection.CopyAsync(length, body).ConfigureAwait(false);
        Received(received);
        Interlocked.Increment(ref _requests);

        using var request = new HttpRequestMessage(new HttpMethod(requestLine[0]), new Uri(BaseAddress, requestLine[1]));
        if (received > 0 || chunked || requestLine[0] is "POST" or "PUT")
        {
            request.Content = new ByteArrayContent(body.ToArray());
        }

        bool keepAlive = true;
        for (int i = 1; i < lines.Length; i++)
        {
            int colon = lines[i].IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            string name = lines[i][..colon].Trim(), value = lines[i][(colon + 1)..].Trim();
            if (name.Equals("Connection", StringComparison.OrdinalIgnoreCase) && value.Equals("close", StringComparison.OrdinalIgnoreCase))
            {
                keepAlive = false;
            }

            if (name.Equals("Host", StringComparison.OrdinalIgnoreCase) || name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)
                || name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase) || name.Equals("Connection", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, value);
            }
        }

        using var response = await _invoker!.SendAsync(request, connection.Stopping).ConfigureAwait(false);
        await WriteResponseAsync(stream, response, connection.Stopping).ConfigureAwait(false);
        return keepAlive;
    }

    private static async Task WriteResponseAsync(NetworkStream stream, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var head = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {(int)response.StatusCode} {Reason((int)response.StatusCode)}\r\n");
        foreach (var header in response.Headers)
        {
            if (!header.Key.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
            {
                head.Append(header.Key).Append(": ").Append(string.Join(", ", header.Value)).Append("\r\n");
            }
        }

        var content = response.Content;
        foreach (var header in content.Headers)
        {
            if (!header.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                head.Append(header.Key).Append(": ").Append(string.Join(", ", header.Value)).Append("\r\n");
            }
        }

        long? length = content.Headers.ContentLength;
        head.Append(length is { } known ? $"Content-Length: {known.ToString(CultureInfo.InvariantCulture)}\r\n\r\n" : "Transfer-Encoding: chunked\r\n\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), cancellationToken).ConfigureAwait(false);

        using var body = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        if (length is not null)
        {
            await body.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
            return;
        }

        var buffer = new byte[BufferSize];
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(read.ToString("X", CultureInfo.InvariantCulture) + "\r\n"), cancellationToken).ConfigureAwait(false);
            await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            await stream.WriteAsync("\r\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
        }

        await stream.WriteAsync("0\r\n\r\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
    }

    private static long ContentLength(ReadOnlySpan<byte> head) =>
        HeaderValue(head, "content-length"u8) is { IsEmpty: false } value ? ParseNumber(value, 10) : 0;

    private static bool IsChunked(ReadOnlySpan<byte> head) =>
        HeaderValue(head, "transfer-encoding"u8).IndexOf("chunked"u8) >= 0;

    /// <summary>The value of a header, found without allocating: lines are compared to the lower-case name ignoring case.</summary>
    private static ReadOnlySpan<byte> HeaderValue(ReadOnlySpan<byte> head, ReadOnlySpan<byte> lowerName)
    {
        while (!head.IsEmpty)
        {
            int end = head.IndexOf("\r\n"u8);
            var line = end < 0 ? head : head[..end];
            head = end < 0 ? default : head[(end + 2)..];
            if (line.Length > lowerName.Length && line[lowerName.Length] == ':' && EqualsLower(line[..lowerName.Length], lowerName))
            {
                return line[(lowerName.Length + 1)..].Trim((byte)' ');
            }
        }

        return default;
    }

    private static bool EqualsLower(ReadOnlySpan<byte> text, ReadOnlySpan<byte> lower)
    {
        for (int i = 0; i < text.Length; i++)
        {
            if ((text[i] | 0x20) != lower[i])
            {
                return false;
            }
        }

        return true;
    }

    private static long ParseNumber(ReadOnlySpan<byte> digits, int radix)
    {
        long value = 0;
        foreach (var b in digits)
        {
            int digit = b is >= (byte)'0' and <= (byte)'9' ? b - '0' : (b | 0x20) is >= 'a' and <= 'f' && radix == 16 ? (b | 0x20) - 'a' + 10 : -1;
            if (digit < 0)
            {
                break;
            }

            value = (value * radix) + digit;
        }

        return value;
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        202 => "Accepted",
        302 => "Found",
        400 => "Bad Request",
        401 => "Unauthorized",
        404 => "Not Found",
        408 => "Request Timeout",
        413 => "Payload Too Large",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        _ => "Status",
    };

    /// <summary>One connection's read side: a reusable buffer over the stream.</summary>
    private sealed class Connection(NetworkStream stream, CancellationToken stopping)
    {
        private byte[] _buffer = new byte[BufferSize];
        private int _start;
        private int _end;

        public NetworkStream Stream { get; } = stream;

        public CancellationToken Stopping { get; } = stopping;

        public ReadOnlyMemory<byte> Buffered(int length) => _buffer.AsMemory(_start, length);

        public void Consume(int count) => _start += count;

        /// <summary>Reads until a blank line ends the head; its length (blank line included), or -1 at the end of the stream.</summary>
        public async Task<int> ReadHeadAsync()
        {
            while (true)
            {
                int at = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n\r\n"u8);
                if (at >= 0)
                {
                    return at + 4;
                }

                if (!await FillAsync().ConfigureAwait(false))
                {
                    return -1;
                }
            }
        }

        /// <summary>Moves <paramref name="count"/> body bytes to <paramref name="target"/> (or drops them); returns how many.</summary>
        /// <remarks>
        /// The socket is read in this one loop (not through a helper per read), so a body costs one
        /// state machine however many reads it takes: the upload benchmarks count every allocation.
        /// </remarks>
        public async Task<long> CopyAsync(long count, Stream? target)
        {
            long left = count;
            while (left > 0)
            {
                if (_end == _start)
                {
                    _start = _end = 0;
                    int read = await Stream.ReadAsync(_buffer.AsMemory(), Stopping).ConfigureAwait(false);
                    if (read == 0)
                    {
                        throw new IOException("The request body ended early.");
                    }

                    _end = read;
                }

                int take = (int)Math.Min(left, _end - _start);
                if (target is not null)
                {
                    await target.WriteAsync(_buffer.AsMemory(_start, take), Stopping).ConfigureAwait(false);
                }

                _start += take;
                left -= take;
            }

            return count;
        }

        /// <summary>Reads a chunked body to its end into <paramref name="target"/> (or drops it); returns its length.</summary>
        public async Task<long> ReadChunkedAsync(Stream? target)
        {
            long total = 0;
            while (true)
            {
                int line = await ReadLineAsync().ConfigureAwait(false);
                long size = ParseNumber(_buffer.AsSpan(_start, line), 16);
                _start += line + 2;
                if (size == 0)
                {
                    // Trailers, then the blank line.
                    while ((line = await ReadLineAsync().ConfigureAwait(false)) > 0)
                    {
                        _start += line + 2;
                    }

                    _start += 2;
                    return total;
                }

                total += await CopyAsync(size, target).ConfigureAwait(false);
                _start += await ReadLineAsync().ConfigureAwait(false) + 2;
            }
        }

        public async Task DiscardToEndAsync(Action<long> received)
        {
            int read;
            while ((read = await Stream.ReadAsync(_buffer, Stopping).ConfigureAwait(false)) > 0)
            {
                received(read);
            }
        }

        private async Task<int> ReadLineAsync()
        {
            while (true)
            {
                int at = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n"u8);
                if (at >= 0)
                {
                    return at;
                }

                if (!await FillAsync().ConfigureAwait(false))
                {
                    throw new IOException("The request ended inside a line.");
                }
            }
        }

        private async Task<bool> FillAsync()
        {
            if (_start > 0)
            {
                _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
                _end -= _start;
                _start = 0;
            }

            if (_end == _buffer.Length)
            {
                if (_buffer.Length >= 1024 * 1024)
                {
                    throw new InvalidDataException("A request head or chunk line is longer than 1 MiB.");
                }

                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            int read = await Stream.ReadAsync(_buffer.AsMemory(_end), Stopping).ConfigureAwait(false);
            _end += read;
            return read > 0;
        }
    }
}
