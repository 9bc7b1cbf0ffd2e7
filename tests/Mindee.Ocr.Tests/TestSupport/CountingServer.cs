using System;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Mindee.Ocr.Tests.TestSupport;

/// <summary>
/// A minimal keep-alive HTTP/1.1 server on loopback that answers every GET with one fixed JSON
/// body, and counts connections and requests: how a test sees connection reuse.
/// </summary>
public sealed class CountingServer(string json) : LoopbackServer
{
    private readonly byte[] _response = Response(json);
    private int _requests;

    public int Requests => Volatile.Read(ref _requests);

    protected override async Task ServeAsync(Socket socket)
    {
        var buffer = new byte[16 * 1024];
        int filled = 0;
        while (true)
        {
            int end = buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8);
            if (end >= 0)
            {
                Interlocked.Increment(ref _requests);
                await socket.SendAsync(_response, SocketFlags.None, Stopping);
                buffer.AsSpan(end + 4, filled - end - 4).CopyTo(buffer);
                filled -= end + 4;
                continue;
            }

            int n = await socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, Stopping);
            if (n == 0)
            {
                return;
            }

            filled += n;
        }
    }

    private static byte[] Response(string json)
    {
        var body = Encoding.UTF8.GetBytes(json);
        return [.. Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n"), .. body];
    }
}
