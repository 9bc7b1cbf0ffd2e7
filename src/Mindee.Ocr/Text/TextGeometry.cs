using System;
using System.Collections.Generic;

namespace Mindee.Ocr;

/// <summary>The rectangles of words, lines and blocks: unions, outlines and overlaps.</summary>
internal static class TextGeometry
{
    /// <summary>The word's bounding box, or null for a word without a polygon.</summary>
    public static BoundingBox? BoxOf(OcrWord word) => word.Polygon.Count == 0 ? null : word.Polygon.BoundingBox;

    /// <summary>The rectangle covering every word that has a polygon; an empty box at the origin when none has.</summary>
    public static BoundingBox Cover(IReadOnlyList<OcrWord> words)
    {
        double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
        for (int i = 0; i < words.Count; i++)
        {
            var polygon = words[i].Polygon;
            for (int p = 0; p < polygon.Count; p++)
            {
                var point = polygon[p];
                minX = Math.Min(minX, point.X);
                minY = Math.Min(minY, point.Y);
                maxX = Math.Max(maxX, point.X);
                maxY = Math.Max(maxY, point.Y);
            }
        }

        return minX > maxX ? default : new BoundingBox(minX, minY, maxX, maxY);
    }

    /// <summary>The rectangle as four points, clockwise from the top-left.</summary>
    public static Polygon Outline(BoundingBox box) => Polygon.Wrap(
    [
        new Point(box.MinX, box.MinY), new Point(box.MaxX, box.MinY),
        new Point(box.MaxX, box.MaxY), new Point(box.MinX, box.MaxY),
    ]);

    public static BoundingBox Union(BoundingBox a, BoundingBox b) =>
        new(Math.Min(a.MinX, b.MinX), Math.Min(a.MinY, b.MinY), Math.Max(a.MaxX, b.MaxX), Math.Max(a.MaxY, b.MaxY));

    public static double CenterY(BoundingBox box) => (box.MinY + box.MaxY) / 2;

    /// <summary>
    /// The share of <paramref name="box"/>'s own area that lies inside <paramref name="region"/>;
    /// for a box without area (a point or a line), 1 when its centre is inside, else 0.
    /// </summary>
    public static double ShareInside(BoundingBox box, BoundingBox region)
    {
        double area = box.Width * box.Height;
        if (!(area > 0))
        {
            return region.Contains(box.Center) ? 1 : 0;
        }

        double width = Math.Min(box.MaxX, region.MaxX) - Math.Max(box.MinX, region.MinX);
        double height = Math.Min(box.MaxY, region.MaxY) - Math.Max(box.MinY, region.MinY);
        return width <= 0 || height <= 0 ? 0 : width * height / area;
    }
}
