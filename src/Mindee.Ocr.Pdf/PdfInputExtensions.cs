using System;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Mindee.Ocr.Input;

namespace Mindee.Ocr.Pdf;

/// <summary>Sends only some pages of a PDF input.</summary>
public static class PdfInputExtensions
{
    private static readonly ConditionalWeakTable<OcrInput, Selected> Selections = new();

    /// <summary>
    /// An input that uploads only the selected pages of this PDF, in document order. The new PDF is
    /// written when the input is enqueued: the document is read once, the selected pages are written
    /// to a temporary file that is streamed to the service and deleted afterwards; the original file,
    /// stream or bytes are not modified. A document whose selection keeps every page, or that is
    /// shorter than <see cref="PageSelection.WhenPageCountAtLeast"/>, is sent unchanged.
    /// </summary>
    /// <remarks>
    /// Memory: the document is read once, from disk (or from the caller's memory for a bytes input),
    /// never loaded whole; what a selection costs grows with the pages it keeps, not with the
    /// document. PdfPig copies each kept page's objects through memory (about six times their size
    /// allocated, mostly short-lived): keeping the first page, or the first and last, of a 100-page,
    /// 50 MB PDF allocates 4–6 MB and peaks about 5–6 MB (about 10% of the document), while keeping
    /// 99 of its pages allocates about 5.8 times the document's size. Disk: one temporary file the
    /// size of the kept pages (and, for a forward-only stream or one not at its start, a temporary
    /// copy of the document while the pages are read).
    /// Problems are reported by the enqueue, before any request: not a PDF, a page out of range (the
    /// message gives the page count), a selection that keeps no page, an encrypted or damaged PDF — each
    /// an <see cref="ArgumentException"/> naming the document and the reason.
    /// </remarks>
    /// <param name="input">A file, stream or bytes input holding a PDF.</param>
    /// <param name="selection">The pages to send.</param>
    /// <returns>The input to enqueue; same <see cref="OcrInput.Kind"/> and <see cref="OcrInput.FileName"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> or <paramref name="selection"/> is null.</exception>
    /// <exception cref="ArgumentException">A base64 or URL input: its pages cannot be selected here.</exception>
    /// <example>
    /// <code>
    /// var input = OcrInput.FromFile("contract.pdf").WithPages(PageSelection.First(1));
    /// var result = await client.EnqueueAndWaitAsync(input);
    /// </code>
    /// </example>
    public static OcrInput WithPages(this OcrInput input, PageSelection selection)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(selection);
        if (input.Kind is not (OcrInputKind.File or OcrInputKind.Stream or OcrInputKind.Bytes))
        {
            throw new ArgumentException(
                $"{input} is a {input.Kind} input: pages can be selected in a file, a stream or bytes only (decode base64 with OcrInput.FromBytes first).", nameof(input));
        }

        var selected = OcrInput.Deferred(input.Kind, input.FileName, $"{input.Key} [{selection}]", cancellationToken => SelectAsync(input, selection, cancellationToken));
        Selections.Add(selected, new Selected(input, selection));
        return selected;
    }

    /// <summary>The input and selection a <see cref="WithPages"/> input was made of; false for any other input.</summary>
    internal static bool TryGetSelection(OcrInput input, out OcrInput original, out PageSelection selection)
    {
        if (Selections.TryGetValue(input, out var selected))
        {
            (original, selection) = (selected.Input, selected.Selection);
            return true;
        }

        (original, selection) = (input, null!);
        return false;
    }

    private static async Task<DocumentStream> SelectAsync(OcrInput input, PageSelection selection, CancellationToken cancellationToken)
    {
        var source = await PdfSource.OpenAsync(input, cancellationToken).ConfigureAwait(false);
        bool handedOver = false;
        try
        {
            var document = source.Parse();
            var pages = selection.Resolve(document.NumberOfPages, source.Name);
            if (pages is null)
            {
                handedOver = true;
                return source.TakeUnchanged();
            }

            var output = await PageWriter.WriteAsync(source, pages, cancellationToken).ConfigureAwait(false);
            source.RestoreCallerStream(atEnd: true);
            return new DocumentStream(output, ownsStream: true);
        }
        catch
        {
            // Nothing is sent: a caller's seekable stream goes back where it was.
            source.RestoreCallerStream(atEnd: false);
            throw;
        }
        finally
        {
            if (!handedOver)
            {
                await source.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private sealed class Selected(OcrInput input, PageSelection selection)
    {
        public OcrInput Input { get; } = input;

        public PageSelection Selection { get; } = selection;
    }
}
