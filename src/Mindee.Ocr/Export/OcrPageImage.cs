using System;

namespace Mindee.Ocr;

/// <summary>
/// The pixel size (and resolution) of a page's image, for the exports that write coordinates in
/// pixels: the service gives coordinates relative to the page, so pixels need the page's size.
/// </summary>
public sealed record OcrPageImage
{
    /// <summary>An A4 page scanned at 300 DPI: 2,480 × 3,508 pixels. The exports' default.</summary>
    public static OcrPageImage A4At300Dpi { get; } = new() { Width = 2480, Height = 3508, Dpi = 300 };

    /// <summary>The width in pixels, at least 1.</summary>
    public required int Width { get; init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Width), value, "A page is at least 1 pixel wide."); }

    /// <summary>The height in pixels, at least 1.</summary>
    public required int Height { get; init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Height), value, "A page is at least 1 pixel high."); }

    /// <summary>The resolution in dots per inch, at least 1; 300 unless given.</summary>
    public int Dpi { get; init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Dpi), value, "A resolution is at least 1 DPI."); } = 300;

    /// <summary>The image file the page was read from, written as hOCR's <c>image</c> and ALTO's file name when given.</summary>
    public string? FileName { get; init; }

    /// <summary>The size and resolution.</summary>
    /// <returns>Such as <c>2480×3508 px at 300 DPI</c>.</returns>
    public override string ToString() => $"{Width}×{Height} px at {Dpi} DPI" + (FileName is null ? string.Empty : $" ({FileName})");
}
