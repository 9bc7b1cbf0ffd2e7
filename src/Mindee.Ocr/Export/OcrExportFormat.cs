namespace Mindee.Ocr;

/// <summary>The formats <see cref="OcrExport"/> writes.</summary>
public enum OcrExportFormat
{
    /// <summary>Plain text, UTF-8: every page's content, pages separated by a form feed (<c>\f</c>). Extension <c>.txt</c>.</summary>
    Text,

    /// <summary>Tesseract's TSV: a header and 12 tab-separated columns, rows for pages, blocks, lines and words. Extension <c>.tsv</c>.</summary>
    Tsv,

    /// <summary>hOCR 1.2 (XHTML): pages, blocks (<c>ocr_carea</c> with one <c>ocr_par</c>), lines and words, with pixel boxes. Extension <c>.hocr</c>.</summary>
    Hocr,

    /// <summary>ALTO v4 XML: <c>Page</c>, <c>PrintSpace</c>, <c>TextBlock</c>, <c>TextLine</c> and <c>String</c>, in pixels. Extension <c>.xml</c>.</summary>
    Alto,

    /// <summary>The service's own JSON, as <see cref="MindeeOcrJson"/> writes it. Extension <c>.json</c>.</summary>
    Json,
}
