using System.Net.Sockets;
using System.Threading.Tasks;

namespace Mindee.Ocr.Tests.TestSupport;

/// <summary>
/// A loopback server that accepts connections, reads whatever comes and never answers: the
/// service hanging after taking a request. Disposing it closes everything at once.
/// </summary>
public sealed class SilentServer : LoopbackServer
{
    protected override async Task ServeAsync(Socket socket)
    {
        var buffer = new byte[64 * 1024];
        while (await socket.ReceiveAsync(buffer, SocketFlags.None, Stopping) > 0)
        {
        }
    }
}
