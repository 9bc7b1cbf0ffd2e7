using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Mindee.Ocr.Input;

/// <summary>
/// The bytes of a document to upload, written to the request stream as it goes: never read
/// whole into memory. Checked (size, type) before the first request.
/// </summary>
internal abstract class DocumentBody : IAsyncDisposable
{
    /// <summary>The number of bytes, when known before sending.</summary>
    public abstract long? Length { get; }

    /// <summary>The detected MIME type.</summary>
    public abstract string ContentType { get; }

    /// <summary>False once a forward-only stream has been read: its bytes cannot be sent again.</summary>
    public abstract bool CanSendAgain { get; }

    /// <summary>
    /// Why the last send stopped on the document's side (its stream failed, or it passed the
    /// size limit), as opposed to the network's; null otherwise.
    /// </summary>
    public Exception? SourceFailure { get; protected set; }

    /// <summary>Writes every byte of the document to <paramref name="target"/>, from the start.</summary>
    public abstract Task WriteToAsync(Stream target, CancellationToken cancellationToken);

    public virtual ValueTask DisposeAsync() => default;
}
