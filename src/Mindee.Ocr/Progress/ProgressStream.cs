using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Mindee.Ocr.Progress;

/// <summary>
/// A write-only pass-through to the request stream that counts the document's bytes for a
/// <see cref="ProgressReporter"/>. Large writes (a document held in memory is written in one) go
/// out in slices, so their progress is seen while they stream.
/// </summary>
internal sealed class ProgressStream(Stream inner, ProgressReporter progress) : Stream
{
    private const int SliceSize = 64 * 1024;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count)
    {
        inner.Write(buffer, offset, count);
        progress.Uploaded(count);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

#if NETSTANDARD2_0
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
#else
    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
#endif
    {
        while (!buffer.IsEmpty)
        {
            var slice = buffer.Length > SliceSize ? buffer[..SliceSize] : buffer;
            await inner.WriteAsync(slice, cancellationToken).ConfigureAwait(false);
            progress.Uploaded(slice.Length);
            buffer = buffer[slice.Length..];
        }
    }
}
