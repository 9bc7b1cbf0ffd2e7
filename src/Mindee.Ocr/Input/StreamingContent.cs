using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Mindee.Ocr.Input;

/// <summary>
/// An <see cref="HttpContent"/> written straight to the request stream by <see cref="WriteAsync"/>,
/// with the caller's cancellation where the target framework passes it (not on netstandard2.0).
/// </summary>
internal abstract class StreamingContent : HttpContent
{
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        WriteAsync(stream, CancellationToken.None);

#if !NETSTANDARD2_0
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        WriteAsync(stream, cancellationToken);
#endif

    /// <summary>Writes the whole body to <paramref name="stream"/>.</summary>
    protected abstract Task WriteAsync(Stream stream, CancellationToken cancellationToken);
}
