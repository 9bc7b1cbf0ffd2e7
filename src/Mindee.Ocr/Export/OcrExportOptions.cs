using System.Collections.Generic;

namespace Mindee.Ocr;

/// <summary>How <see cref="OcrExport"/> writes coordinates: each page's image size in pixels.</summary>
/// <example>
/// <code>
/// var options = new OcrExportOptions { PageImages = [new OcrPageImage { Width = 1700, Height = 2200, Dpi = 200 }] };
/// await OcrExport.WriteAsync(result, stream, OcrExportFormat.Hocr, options);
/// </code>
/// </example>
public sealed record OcrExportOptions
{
    /// <summary>
    /// Each page's image, by page: the first for page 1, and so on. Pages past the end of the
    /// list use <see cref="DefaultPageImage"/>. Read-only.
    /// </summary>
    public IReadOnlyList<OcrPageImage> PageImages { get; init => field = ItemList<OcrPageImage>.Copy(value, nameof(PageImages)); } = ItemList<OcrPageImage>.Empty;

    /// <summary>The image size of the pages <see cref="PageImages"/> does not give: A4 at 300 DPI (2,480 × 3,508 pixels) unless set.</summary>
    public OcrPageImage DefaultPageImage { get; init => field = value ?? throw new System.ArgumentNullException(nameof(DefaultPageImage)); } = OcrPageImage.A4At300Dpi;

    /// <summary>The image of page <paramref name="number"/> (1-based).</summary>
    internal OcrPageImage ImageOf(int number) => number - 1 < PageImages.Count ? PageImages[number - 1] : DefaultPageImage;
}
