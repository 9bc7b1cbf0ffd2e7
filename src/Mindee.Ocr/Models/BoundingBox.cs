namespace Mindee.Ocr;

/// <summary>
/// An axis-aligned rectangle, in the same coordinates as the polygon it was computed from.
/// </summary>
/// <param name="MinX">Left edge.</param>
/// <param name="MinY">Top edge.</param>
/// <param name="MaxX">Right edge.</param>
/// <param name="MaxY">Bottom edge.</param>
public readonly record struct BoundingBox(double MinX, double MinY, double MaxX, double MaxY)
{
    /// <summary>The width, <see cref="MaxX"/> minus <see cref="MinX"/>.</summary>
    public double Width => MaxX - MinX;

    /// <summary>The height, <see cref="MaxY"/> minus <see cref="MinY"/>.</summary>
    public double Height => MaxY - MinY;

    /// <summary>The top-left corner.</summary>
    public Point TopLeft => new(MinX, MinY);

    /// <summary>The bottom-right corner.</summary>
    public Point BottomRight => new(MaxX, MaxY);

    /// <summary>The centre of the rectangle.</summary>
    public Point Center => new((MinX + MaxX) / 2, (MinY + MaxY) / 2);

    /// <summary>Whether <paramref name="point"/> lies inside the rectangle or on its edge.</summary>
    /// <param name="point">The point to test.</param>
    /// <returns><see langword="true"/> when the point is inside or on the edge.</returns>
    public bool Contains(Point point) =>
        point.X >= MinX && point.X <= MaxX && point.Y >= MinY && point.Y <= MaxY;
}
