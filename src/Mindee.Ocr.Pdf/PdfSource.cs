using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Mindee.Ocr.Input;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Exceptions;

namespace Mindee.Ocr.Pdf;

/// <summary>
/// An input's PDF opened for reading: a seekable stream whose first byte is the PDF's first byte,
/// and the document parsed from it. A file is read in place, bytes from their memory; a caller's
/// stream in place when it is seekable and at its start, otherwise its rest is first copied to a
/// temporary file (deleted on close).
/// </summary>
internal sealed class PdfSource : IAsyncDisposable
{
    private readonly DocumentStream _original;
    private readonly long _originalStart;

    private PdfSource(DocumentStream original, long originalStart, DocumentStream readable, string name)
    {
        _original = original;
        _originalStart = originalStart;
        Readable = readable;
        Name = name;
    }

    /// <summary>The name the errors give the document.</summary>
    public string Name { get; }

    /// <summary>The PDF's bytes, seekable, from its first byte.</summary>
    public DocumentStream Readable { get; }

    /// <summary>The parsed document; null until <see cref="Parse"/>.</summary>
    public PdfDocument? Document { get; private set; }

    /// <summary>Opens the input's bytes and checks that they are a PDF; nothing is parsed yet.</summary>
    /// <exception cref="ArgumentException">Not a PDF, or an input that has no bytes here (base64, URL).</exception>
    public static async Task<PdfSource> OpenAsync(OcrInput input, CancellationToken cancellationToken)
    {
        var name = input.FileName ?? input.Kind.ToString();
        var original = await input.OpenDocumentAsync(cancellationToken).ConfigureAwait(false);
        DocumentStream readable = original;
        long start = -1;
        try
        {
            var stream = original.Stream;
            if (stream.CanSeek)
            {
                start = stream.Position;
            }

            if (!stream.CanSeek || start != 0)
            {
                readable = new DocumentStream(await TemporaryFiles.CopyAsync(stream, cancellationToken).ConfigureAwait(false), ownsStream: true);
            }

            var head = new byte[5];
            int read = await StreamDocumentBody.ReadHeadAsync(readable.Stream, head, cancellationToken).ConfigureAwait(false);
            readable.Stream.Position = 0;
            if (read == 0)
            {
                throw new ArgumentException(
                    $"The document \"{name}\" is empty (its stream gave no bytes from its current position: a stream already read, by an earlier enqueue or count, is at its end). Nothing was sent.", nameof(input));
            }

            if (read < head.Length || !head.AsSpan().SequenceEqual("%PDF-"u8))
            {
                throw new ArgumentException(
                    $"The document \"{name}\" is not a PDF (it does not start with %PDF-); pages can only be counted and selected in a PDF. Nothing was sent.", nameof(input));
            }

            return new PdfSource(original, start, readable, name);
        }
        catch
        {
            // Nothing is sent: a caller's seekable stream goes back where it was.
            if (!original.OwnsStream && start >= 0)
            {
                original.Stream.Position = start;
            }

            if (readable.Stream != original.Stream)
            {
                await readable.DisposeAsync().ConfigureAwait(false);
            }

            await original.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Parses the document (the cross-reference table and the page tree; page contents are read when copied).</summary>
    /// <exception cref="ArgumentException">Encrypted with a password, or too damaged to read.</exception>
    public PdfDocument Parse()
    {
        try
        {
            Document = PdfDocument.Open(Readable.Stream, new ParsingOptions { UseLenientParsing = true });
            _ = Document.NumberOfPages;
            return Document;
        }
        catch (Exception ex) when (!IsOwnFailure(ex))
        {
            throw Unreadable(ex);
        }
    }

    /// <summary>
    /// A failure that is not the document's: a cancellation, or an I/O error of the file or the
    /// caller's stream (it reaches the caller unchanged, as in the core); not a PDF's end reached early.
    /// </summary>
    public static bool IsOwnFailure(Exception ex) => ex is OperationCanceledException || (ex is IOException && ex is not EndOfStreamException);

    /// <summary>The error for a failure to read the PDF, naming the document and the reason.</summary>
    public ArgumentException Unreadable(Exception ex) => ex is PdfDocumentEncryptedException
        ? new ArgumentException(
            $"The document \"{Name}\" is an encrypted PDF that cannot be opened without its password, so its pages cannot be counted or selected. Nothing was sent.", "input", ex)
        : new ArgumentException(
            $"The document \"{Name}\" is a PDF too damaged to read ({ex.GetType().Name}: {ex.Message}), so its pages cannot be counted or selected. Nothing was sent.", "input", ex);

    /// <summary>
    /// Hands the bytes over, from the PDF's first byte, for an upload of the whole document (owned
    /// as before: a caller's stream is not). This source must not be disposed afterwards.
    /// </summary>
    public DocumentStream TakeUnchanged()
    {
        Document?.Dispose();
        Document = null;
        Readable.Stream.Position = 0;
        if (Readable.Stream != _original.Stream)
        {
            // The copy of a forward-only stream (or of one not at its start) goes instead of it.
            RestoreCallerStream(atEnd: true);
            if (_original.OwnsStream)
            {
                _original.Stream.Dispose();
            }
        }

        return Readable;
    }

    /// <summary>Leaves a caller's seekable stream where it was (after a count) or at its end (read through, as after any upload).</summary>
    public void RestoreCallerStream(bool atEnd)
    {
        if (!_original.OwnsStream && _original.Stream.CanSeek && _originalStart >= 0)
        {
            _original.Stream.Position = atEnd ? _original.Stream.Length : _originalStart;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Document?.Dispose();
        if (Readable.Stream != _original.Stream)
        {
            await Readable.DisposeAsync().ConfigureAwait(false);
        }

        await _original.DisposeAsync().ConfigureAwait(false);
    }
}
