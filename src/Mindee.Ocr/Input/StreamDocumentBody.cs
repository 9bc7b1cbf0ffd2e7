using System;
using System.Buffers;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Mindee.Ocr.Input;

/// <summary>
/// A document read from a stream (a file the client opened, or the caller's stream) and copied
/// to the request through one pooled buffer. A seekable stream is read from its current position
/// and can be sent again; a forward-only stream keeps only the few bytes read for the type check,
/// and is counted while it is sent so the upload stops past the service's size limit.
/// </summary>
internal sealed class StreamDocumentBody : DocumentBody
{
    private const int CopyBufferSize = 81920;

    private readonly Stream _stream;
    private readonly bool _ownsStream;
    private readonly long _start;
    private readonly long? _length;
    private readonly byte[]? _prefix;
    private readonly string _name;
    private bool _started;

    private StreamDocumentBody(Stream stream, bool ownsStream, long start, long? length, byte[]? prefix, string contentType, string name)
    {
        _stream = stream;
        _ownsStream = ownsStream;
        _start = start;
        _length = length;
        _prefix = prefix;
        ContentType = contentType;
        _name = name;
    }

    public override long? Length => _length;

    public override string ContentType { get; }

    public override bool CanSendAgain => _stream.CanSeek || !_started;

    /// <summary>Checks the stream (size when known, first bytes) and puts back what the check read.</summary>
    /// <exception cref="ArgumentException">Empty, too large, or not a type the service takes.</exception>
    public static async Task<StreamDocumentBody> OpenAsync(Stream stream, bool ownsStream, string name, bool checkType, CancellationToken cancellationToken)
    {
        var what = $"The document \"{name}\"";
        if (stream.CanSeek)
        {
            long start = stream.Position;
            long length = stream.Length - start;
            if (length <= 0)
            {
                throw new ArgumentException($"{what} is empty (0 bytes from the stream's current position); nothing was sent.", "input");
            }

            if (length > UploadLimits.MaxDocumentBytes)
            {
                throw new ArgumentException($"{what} is {length:N0} bytes; the service takes at most {UploadLimits.MaxDocumentBytes:N0} (100 MB). Nothing was sent.", "input");
            }

            var head = new byte[UploadLimits.SniffLength];
            int read = await ReadHeadAsync(stream, head, cancellationToken).ConfigureAwait(false);
            stream.Position = start;
            var type = FileTypes.Require(head.AsSpan(0, read), checkType, what, "input");
            return new StreamDocumentBody(stream, ownsStream, start, length, null, type, name);
        }
        else
        {
            var head = new byte[UploadLimits.SniffLength];
            int read = await ReadHeadAsync(stream, head, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new ArgumentException($"{what} is empty (its stream gave no bytes); nothing was sent.", "input");
            }

            var type = FileTypes.Require(head.AsSpan(0, read), checkType, what, "input");
            return new StreamDocumentBody(stream, ownsStream, -1, null, head.AsSpan(0, read).ToArray(), type, name);
        }
    }

    public override async Task WriteToAsync(Stream target, CancellationToken cancellationToken)
    {
        // The client never retries such an upload (see RetryPipelines), but the HTTP stack may ask
        // for the body again on its own (a pooled connection found closed): refuse it typed.
        if (!CanSendAgain)
        {
            throw Fail(new MindeeOcrException(
                $"The document \"{_name}\" came from a forward-only stream that was already read; it cannot be sent again.",
                MindeeOcrFailureKind.DocumentNotResendable));
        }

        _started = true;
        SourceFailure = null;
        long total = 0;
        if (_stream.CanSeek)
        {
            _stream.Position = _start;
        }
        else if (_prefix is not null)
        {
            await target.WriteAsync(_prefix, cancellationToken).ConfigureAwait(false);
            total = _prefix.Length;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
        try
        {
            while (true)
            {
                // Every announced byte read, one more is asked for: a stream that holds more lied
                // about its length (or the file grew), and the upload must not go out cut short.
                int wanted = _length is { } length ? (int)Math.Max(1, Math.Min(buffer.Length, length - total)) : buffer.Length;

                // The source is read here, in this one loop, not through a helper per read: each
                // read would then cost a state machine, a hundred kilobytes for a 64 MB file.
                int read;
                try
                {
                    read = await _stream.ReadAsync(buffer.AsMemory(0, wanted), cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The caller's stream failed: that exception is the caller's to see, unchanged.
                    SourceFailure = ex;
                    throw;
                }

                if (read == 0)
                {
                    if (_length is { } expected && total != expected)
                    {
                        throw Fail(LengthMismatch($"ended after {total:N0} of the {expected:N0} bytes its length announced"));
                    }

                    break;
                }

                if (_length is { } announced && total + read > announced)
                {
                    throw Fail(LengthMismatch($"holds more than the {announced:N0} bytes its length announced"));
                }

                total += read;
                if (total > UploadLimits.MaxDocumentBytes)
                {
                    throw Fail(new ArgumentException(
                        $"The document \"{_name}\" passed {UploadLimits.MaxDocumentBytes:N0} bytes (100 MB), the most the service takes; the upload was aborted.", "input"));
                }

                await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        if (_ownsStream)
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
        }

        await base.DisposeAsync().ConfigureAwait(false);
    }

    private MindeeOcrException LengthMismatch(string what) => new(
        $"The document \"{_name}\" {what} (a stream whose Length is wrong, or a file changed while it was sent); " +
        "the upload was aborted, so the service got no complete document. Nothing was enqueued.",
        MindeeOcrFailureKind.DocumentLengthMismatch);

    private Exception Fail(Exception exception)
    {
        SourceFailure = exception;
        return exception;
    }

    /// <summary>Reads up to the length of <paramref name="head"/> from the stream (fewer at its end); returns how many.</summary>
    internal static async Task<int> ReadHeadAsync(Stream stream, byte[] head, CancellationToken cancellationToken)
    {
        int total = 0;
        while (total < head.Length)
        {
            int read = await stream.ReadAsync(head.AsMemory(total), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }
}
