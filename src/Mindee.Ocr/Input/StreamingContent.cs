using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Mindee.Ocr.Input;

/// <summary>
/// An upload body written straight to the request stream by <see cref="WriteAsync"/>, with the
/// caller's cancellation where the target framework passes it (not on netstandard2.0). It records
/// whether writing began (a failure before that sent nothing of the document) and why the
/// document's side stopped it, if it did.
/// </summary>
internal abstract class StreamingContent : HttpContent
{
    private int _started;

    /// <summary>Whether the body began to be written: until then, nothing of the document left.</summary>
    public bool Started => Volatile.Read(ref _started) != 0;

    /// <summary>
    /// Why the last send stopped on the document's side (its stream failed, or broke a limit), as
    /// opposed to the network's; null otherwise.
    /// </summary>
    public virtual Exception? SendFailure => null;

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        StartAsync(stream, CancellationToken.None);

#if !NETSTANDARD2_0
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        StartAsync(stream, cancellationToken);
#endif

    /// <summary>Writes the whole body to <paramref name="stream"/>.</summary>
    protected abstract Task WriteAsync(Stream stream, CancellationToken cancellationToken);

    private Task StartAsync(Stream stream, CancellationToken cancellationToken)
    {
        Volatile.Write(ref _started, 1);
        return WriteAsync(stream, cancellationToken);
    }
}
