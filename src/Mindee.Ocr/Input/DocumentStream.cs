using System;
using System.IO;
using System.Threading.Tasks;

namespace Mindee.Ocr.Input;

/// <summary>
/// A document's bytes opened for reading, and whether the reader must dispose the stream: a file
/// the client opened (or a temporary file it wrote) is owned; a caller's stream never is.
/// </summary>
internal readonly struct DocumentStream(Stream stream, bool ownsStream) : IAsyncDisposable
{
    public Stream Stream { get; } = stream ?? throw new ArgumentNullException(nameof(stream));

    public bool OwnsStream { get; } = ownsStream;

    public ValueTask DisposeAsync() => OwnsStream ? Stream.DisposeAsync() : default;
}
