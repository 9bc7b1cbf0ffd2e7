using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Mindee.Ocr.Input;

/// <summary>A document the caller already holds in memory; written from that memory, not copied.</summary>
internal sealed class MemoryDocumentBody : DocumentBody
{
    private readonly ReadOnlyMemory<byte> _bytes;

    private MemoryDocumentBody(ReadOnlyMemory<byte> bytes, string contentType)
    {
        _bytes = bytes;
        ContentType = contentType;
    }

    public override long? Length => _bytes.Length;

    public override string ContentType { get; }

    public override bool CanSendAgain => true;

    /// <exception cref="ArgumentException">Empty, too large, or not a type the service takes.</exception>
    public static MemoryDocumentBody Create(ReadOnlyMemory<byte> bytes, string fileName, bool checkType)
    {
        if (bytes.IsEmpty)
        {
            throw new ArgumentException($"The document \"{fileName}\" is empty (0 bytes); nothing was sent.", "input");
        }

        if (bytes.Length > UploadLimits.MaxDocumentBytes)
        {
            throw new ArgumentException($"The document \"{fileName}\" is {bytes.Length:N0} bytes; the service takes at most {UploadLimits.MaxDocumentBytes:N0} (100 MB). Nothing was sent.", "input");
        }

        var head = bytes.Span[..Math.Min(bytes.Length, UploadLimits.SniffLength)];
        return new MemoryDocumentBody(bytes, FileTypes.Require(head, checkType, $"The document \"{fileName}\"", "input"));
    }

    public override async Task WriteToAsync(Stream target, CancellationToken cancellationToken) =>
        await target.WriteAsync(_bytes, cancellationToken).ConfigureAwait(false);
}
