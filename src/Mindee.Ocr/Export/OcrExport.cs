using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Mindee.Ocr;

/// <summary>
/// Writes a result in the formats OCR pipelines read: plain text, Tesseract's TSV, hOCR, ALTO,
/// and the service's JSON. Streams page by page: memory holds one page's output at a time.
/// </summary>
/// <remarks>
/// The service gives coordinates relative to the page; TSV, hOCR and ALTO need pixels, so each
/// page's image size comes from <see cref="OcrExportOptions"/> (A4 at 300 DPI, 2,480 × 3,508
/// pixels, unless given). Boxes are whole pixels inside the page. The service gives no
/// confidence: TSV words hold 100 in <c>conf</c> (other rows -1, as in Tesseract), and hOCR
/// words carry no <c>x_wconf</c>.
/// </remarks>
/// <example>
/// <code>
/// await using var file = File.Create("invoice.hocr");
/// await OcrExport.WriteAsync(result, file, OcrExportFormat.Hocr);
/// </code>
/// </example>
public static class OcrExport
{
    /// <summary>Writes <paramref name="inference"/> to <paramref name="destination"/> in <paramref name="format"/>.</summary>
    /// <param name="inference">The result to write.</param>
    /// <param name="destination">Where to write, from its current position; flushed, not disposed.</param>
    /// <param name="format">The format.</param>
    /// <param name="options">Each page's image size in pixels; null for A4 at 300 DPI.</param>
    /// <param name="cancellationToken">Cancels the writing (between pages).</param>
    /// <returns>A task that ends when everything is written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="inference"/> or <paramref name="destination"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="destination"/> cannot be written to; or, for <see cref="OcrExportFormat.Json"/>, a
    /// word's polygon holds a coordinate that is not a finite number (JSON has no NaN or infinity).
    /// Thrown before anything is written.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="format"/> is not one of <see cref="OcrExportFormat"/>'s values.</exception>
    public static Task WriteAsync(OcrInference inference, Stream destination, OcrExportFormat format, OcrExportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inference);
        ArgumentNullException.ThrowIfNull(destination);
        if (!destination.CanWrite)
        {
            throw new ArgumentException("The destination stream cannot be written to (closed, or read-only).", nameof(destination));
        }

        options ??= Defaults;
        return format switch
        {
            OcrExportFormat.Text => TextExports.WriteTextAsync(inference, destination, cancellationToken),
            OcrExportFormat.Tsv => TextExports.WriteTsvAsync(inference, destination, options, cancellationToken),
            OcrExportFormat.Hocr => HocrWriter.WriteAsync(inference, destination, options, cancellationToken),
            OcrExportFormat.Alto => AltoWriter.WriteAsync(inference, destination, options, cancellationToken),
            OcrExportFormat.Json => MindeeOcrJson.SerializeAsync(destination, Finite(inference), cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown export format; use one of OcrExportFormat's values."),
        };
    }

    /// <summary>The file extension a format's files take, with its dot: <c>.txt</c>, <c>.tsv</c>, <c>.hocr</c>, <c>.xml</c> (ALTO), <c>.json</c>.</summary>
    /// <param name="format">The format.</param>
    /// <returns>The extension.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="format"/> is not one of <see cref="OcrExportFormat"/>'s values.</exception>
    public static string FileExtension(OcrExportFormat format) => format switch
    {
        OcrExportFormat.Text => ".txt",
        OcrExportFormat.Tsv => ".tsv",
        OcrExportFormat.Hocr => ".hocr",
        OcrExportFormat.Alto => ".xml",
        OcrExportFormat.Json => ".json",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown export format; use one of OcrExportFormat's values."),
    };

    private static readonly OcrExportOptions Defaults = new();

    /// <summary>The inference, once every coordinate is known to be finite: JSON cannot hold NaN or infinity.</summary>
    private static OcrInference Finite(OcrInference inference)
    {
        foreach (var page in inference.Result.Pages)
        {
            foreach (var word in page.Words)
            {
                foreach (var point in word.Polygon)
                {
                    if (double.IsNaN(point.X) || double.IsInfinity(point.X) || double.IsNaN(point.Y) || double.IsInfinity(point.Y))
                    {
                        throw new ArgumentException(
                            $"Page {page.Number}, word \"{word.Content}\": the polygon holds a coordinate that is not a finite number, which JSON cannot hold.",
                            nameof(inference));
                    }
                }
            }
        }

        return inference;
    }
}
