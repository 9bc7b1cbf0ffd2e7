using System;
using System.Threading;
using System.Threading.Tasks;

namespace Mindee.Ocr.Pdf;

/// <summary>Reads a PDF input's page count, without sending anything.</summary>
public static class PdfPages
{
    /// <summary>
    /// The number of pages of a PDF file, stream or bytes input. Only the document's structure is
    /// read (its cross-reference table and page tree), not its pages' contents. A caller's seekable
    /// stream is put back where it was, so the same input can then be sent; a forward-only stream is
    /// read to its end (copied to a temporary file, deleted before this returns).
    /// </summary>
    /// <param name="input">A file, stream or bytes input holding a PDF.</param>
    /// <param name="cancellationToken">Cancels the reading.</param>
    /// <returns>The page count.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// A base64 or URL input; a document that is not a PDF, is encrypted with a password, or is too
    /// damaged to read (the message names the document and the reason).
    /// </exception>
    /// <exception cref="System.IO.FileNotFoundException">The input's file does not exist.</exception>
    public static async Task<int> CountAsync(OcrInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);

        // A WithPages input is counted from its original, without writing its pages (which would
        // also leave a caller's stream at its end, as an upload does).
        bool selected = PdfInputExtensions.TryGetSelection(input, out var original, out var selection);
        var source = await PdfSource.OpenAsync(original, cancellationToken).ConfigureAwait(false);
        await using (source.ConfigureAwait(false))
        {
            try
            {
                int count = source.Parse().NumberOfPages;
                return selected ? selection.Resolve(count, source.Name)?.Length ?? count : count;
            }
            finally
            {
                source.RestoreCallerStream(atEnd: false);
            }
        }
    }
}
