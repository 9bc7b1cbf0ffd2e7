using System;

namespace Mindee.Ocr;

/// <summary>A page-relative rectangle in whole pixels of the page's image: inside the page, never negative in size.</summary>
internal readonly struct PixelBox
{
    private PixelBox(int left, int top, int right, int bottom)
    {
        Left = left;
        Top = top;
        Right = right;
        Bottom = bottom;
    }

    public int Left { get; }

    public int Top { get; }

    public int Right { get; }

    public int Bottom { get; }

    public int Width => Right - Left;

    public int Height => Bottom - Top;

    public static PixelBox Of(BoundingBox box, OcrPageImage image)
    {
        int left = Clamp(Math.Floor(box.MinX * image.Width), image.Width);
        int top = Clamp(Math.Floor(box.MinY * image.Height), image.Height);
        int right = Math.Max(left, Clamp(Math.Ceiling(box.MaxX * image.Width), image.Width));
        int bottom = Math.Max(top, Clamp(Math.Ceiling(box.MaxY * image.Height), image.Height));
        return new PixelBox(left, top, right, bottom);
    }

    public static PixelBox Page(OcrPageImage image) => new(0, 0, image.Width, image.Height);

    private static int Clamp(double value, int max) => double.IsNaN(value) ? 0 : (int)Math.Max(0, Math.Min(max, value));
}
