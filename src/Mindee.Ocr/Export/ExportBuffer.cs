using System;
using System.Buffers;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Mindee.Ocr;

/// <summary>
/// Where an export writes one page at a time, synchronously (XML and text writers are fastest
/// so), before the page is copied to the destination asynchronously: memory holds one page's
/// output, however many pages the document has. The buffer is pooled.
/// </summary>
internal sealed class ExportBuffer : Stream
{
    private byte[] _bytes = ArrayPool<byte>.Shared.Rent(16 * 1024);
    private int _length;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _length;

    public override long Position
    {
        get => _length;
        set => throw new NotSupportedException();
    }

    /// <summary>Copies what was written to <paramref name="destination"/> and empties the buffer.</summary>
    public async Task DrainAsync(Stream destination, CancellationToken cancellationToken)
    {
        if (_length > 0)
        {
            await destination.WriteAsync(_bytes.AsMemory(0, _length), cancellationToken).ConfigureAwait(false);
            _length = 0;
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Append(new ReadOnlySpan<byte>(buffer, offset, count));

#if !NETSTANDARD2_0
    public override void Write(ReadOnlySpan<byte> buffer) => Append(buffer);
#endif

    public override void WriteByte(byte value) => Append([value]);

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && _bytes.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_bytes);
            _bytes = [];
        }

        base.Dispose(disposing);
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        if (_length + bytes.Length > _bytes.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_bytes.Length * 2, _length + bytes.Length));
            Array.Copy(_bytes, larger, _length);
            ArrayPool<byte>.Shared.Return(_bytes);
            _bytes = larger;
        }

        bytes.CopyTo(_bytes.AsSpan(_length));
        _length += bytes.Length;
    }
}
