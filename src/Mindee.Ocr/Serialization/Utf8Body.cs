using System;
using System.Buffers;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Mindee.Ocr.Serialization;

/// <summary>
/// The bytes of a body, read whole into one buffer (pooled up to a few MiB, so reading a typical
/// result allocates nothing), and never past a limit: reading stops one byte past it, so a huge
/// or endless body (a decompression bomb, a hostile server) costs at most the limit in memory.
/// Reading also stops when the first 64 KiB are only white space: no JSON starts that way.
/// </summary>
internal sealed class Utf8Body : IDisposable
{
    /// <summary>The most one buffer can hold: just under 2 GiB.</summary>
    public const long MaxLength = 0x7FFFFFC7;

    /// <summary>How much leading white space is tolerated before the body is deemed not JSON.</summary>
    public const int MaxLeadingWhiteSpace = 64 * 1024;

    private const int PoolLimit = 4 * 1024 * 1024;
    private const int FirstSize = 16 * 1024;
    private const int LargestFirstSize = 16 * 1024 * 1024;

    private byte[] _buffer;
    private int _length;

    private Utf8Body(byte[] buffer) => _buffer = buffer;

    /// <summary>Why reading stopped before the end of the stream.</summary>
    public enum StopReason
    {
        /// <summary>It did not: the whole body is here.</summary>
        None,

        /// <summary>The body is longer than the limit; <see cref="Span"/> holds its first bytes.</summary>
        TooLarge,

        /// <summary>The body starts with more than <see cref="MaxLeadingWhiteSpace"/> bytes of white space.</summary>
        WhiteSpace,
    }

    public ReadOnlySpan<byte> Span => _buffer.AsSpan(0, _length);

    public long Limit { get; private set; }

    public StopReason Stopped { get; private set; }

    /// <summary>
    /// Reads <paramref name="stream"/> to its end, or until it passes <paramref name="limit"/>
    /// bytes (see <see cref="Stopped"/>). The stream is not disposed.
    /// </summary>
    public static async Task<Utf8Body> ReadAsync(Stream stream, long limit, long? lengthHint, CancellationToken cancellationToken)
    {
        limit = Math.Min(limit, MaxLength - 1);
        // A length announced by the sender only sizes the first buffer, within reason: it may lie.
        long first = lengthHint is > 0 and var hint ? Math.Min(hint + 1, LargestFirstSize) : FirstSize;
        var body = new Utf8Body(Rent((int)Math.Min(first, limit + 1))) { Limit = limit };
        try
        {
            bool sawContent = false;
            while (true)
            {
                if (body._length == body._buffer.Length)
                {
                    if (body._length > limit)
                    {
                        body.Stopped = StopReason.TooLarge;
                        return body;
                    }

                    body.Grow((int)Math.Min((long)body._buffer.Length * 2, limit + 1));
                }

                int read = await stream.ReadAsync(body._buffer.AsMemory(body._length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return body;
                }

                if (!sawContent)
                {
                    sawContent = HasContent(body._buffer.AsSpan(body._length, read));
                }

                body._length += read;
                if (body._length > limit)
                {
                    body.Stopped = StopReason.TooLarge;
                    return body;
                }

                if (!sawContent && body._length > MaxLeadingWhiteSpace)
                {
                    body.Stopped = StopReason.WhiteSpace;
                    return body;
                }
            }
        }
        catch
        {
            body.Dispose();
            throw;
        }
    }

    /// <summary>Why reading stopped, for a message.</summary>
    public string Describe() => Stopped switch
    {
        StopReason.TooLarge => string.Format(CultureInfo.InvariantCulture, "it is larger than {0:N0} bytes, the most the client reads; it was not read further", Limit),
        StopReason.WhiteSpace => string.Format(CultureInfo.InvariantCulture, "its first {0:N0} bytes are only white space; it was not read further", MaxLeadingWhiteSpace),
        _ => "it was read whole",
    };

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _length = 0;
        Return(buffer);
    }

    private void Grow(int size)
    {
        var bigger = Rent(size);
        _buffer.AsSpan(0, _length).CopyTo(bigger);
        Return(_buffer);
        _buffer = bigger;
    }

    // Large buffers are not pooled: one huge body must not stay in the pool for the process's life.
    private static byte[] Rent(int size) => size <= PoolLimit ? ArrayPool<byte>.Shared.Rent(size) : new byte[size];

    private static void Return(byte[] buffer)
    {
        if (buffer.Length is > 0 and <= PoolLimit)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Whether <paramref name="bytes"/> hold anything but JSON white space.</summary>
    public static bool HasContent(ReadOnlySpan<byte> bytes) => !TrimStart(bytes).IsEmpty;

    /// <summary><paramref name="bytes"/> without their leading JSON white space.</summary>
    public static ReadOnlySpan<byte> TrimStart(ReadOnlySpan<byte> bytes)
    {
        int i = 0;
        while (i < bytes.Length && bytes[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            i++;
        }

        return bytes[i..];
    }
}
