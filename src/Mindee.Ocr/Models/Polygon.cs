using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace Mindee.Ocr;

/// <summary>
/// The outline of a word on its page: points in clockwise order from the top-left, each
/// coordinate relative to the page's width and height (<c>0</c> to <c>1</c>).
/// Immutable; the points cannot be changed once the polygon is built.
/// </summary>
/// <example>
/// <code>
/// BoundingBox box = word.Polygon.BoundingBox;
/// Polygon inPixels = word.Polygon.ToPixels(pageWidth: 1240, pageHeight: 1754);
/// </code>
/// </example>
public sealed class Polygon : IReadOnlyList<Point>, IEquatable<Polygon>
{
    private readonly Point[] _points;

    /// <summary>Builds a polygon from a copy of <paramref name="points"/>.</summary>
    /// <param name="points">The points, in clockwise order.</param>
    /// <exception cref="ArgumentNullException"><paramref name="points"/> is null.</exception>
    public Polygon(IEnumerable<Point> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        _points = points.ToArray();
    }

    /// <summary>Builds a polygon from a copy of <paramref name="points"/>.</summary>
    /// <param name="points">The points, in clockwise order.</param>
    /// <exception cref="ArgumentNullException"><paramref name="points"/> is null.</exception>
    public Polygon(params Point[] points)
    {
        ArgumentNullException.ThrowIfNull(points);
        _points = (Point[])points.Clone();
    }

    // Takes ownership of an array nobody else holds (used by the JSON reader).
    private Polygon(Point[] points, bool _) => _points = points;

    internal static Polygon Wrap(Point[] ownedPoints) => new(ownedPoints, false);

    /// <summary>The number of points.</summary>
    public int Count => _points.Length;

    /// <summary>The point at <paramref name="index"/>.</summary>
    /// <param name="index">Zero-based index.</param>
    public Point this[int index] => _points[index];

    /// <summary>The smallest axis-aligned rectangle that holds every point.</summary>
    /// <exception cref="InvalidOperationException">The polygon has no points.</exception>
    public BoundingBox BoundingBox
    {
        get
        {
            if (_points.Length == 0)
            {
                throw new InvalidOperationException("An empty polygon has no bounding box.");
            }

            double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
            foreach (var p in _points)
            {
                minX = Math.Min(minX, p.X);
                minY = Math.Min(minY, p.Y);
                maxX = Math.Max(maxX, p.X);
                maxY = Math.Max(maxY, p.Y);
            }

            return new BoundingBox(minX, minY, maxX, maxY);
        }
    }

    /// <summary>
    /// The centroid of the area the polygon encloses; for a degenerate polygon (no area,
    /// such as a line or a single point) the mean of its points.
    /// </summary>
    /// <exception cref="InvalidOperationException">The polygon has no points.</exception>
    public Point Centroid
    {
        get
        {
            if (_points.Length == 0)
            {
                throw new InvalidOperationException("An empty polygon has no centroid.");
            }

            double twiceArea = 0, cx = 0, cy = 0;
            for (int i = 0; i < _points.Length; i++)
            {
                var a = _points[i];
                var b = _points[(i + 1) % _points.Length];
                double cross = (a.X * b.Y) - (b.X * a.Y);
                twiceArea += cross;
                cx += (a.X + b.X) * cross;
                cy += (a.Y + b.Y) * cross;
            }

            if (Math.Abs(twiceArea) < 1e-15)
            {
                return new Point(_points.Average(p => p.X), _points.Average(p => p.Y));
            }

            return new Point(cx / (3 * twiceArea), cy / (3 * twiceArea));
        }
    }

    /// <summary>
    /// Whether <paramref name="point"/> lies inside the polygon or on its outline
    /// (even-odd rule, so it holds for any simple polygon, convex or not).
    /// </summary>
    /// <param name="point">The point to test, in the polygon's coordinates.</param>
    /// <returns><see langword="true"/> when the point is inside or on an edge.</returns>
    public bool Contains(Point point)
    {
        if (_points.Length == 0)
        {
            return false;
        }

        bool inside = false;
        for (int i = 0, j = _points.Length - 1; i < _points.Length; j = i++)
        {
            var a = _points[i];
            var b = _points[j];
            if (IsOnSegment(point, a, b))
            {
                return true;
            }

            if ((a.Y > point.Y) != (b.Y > point.Y))
            {
                double xAtY = ((b.X - a.X) * (point.Y - a.Y) / (b.Y - a.Y)) + a.X;
                if (point.X < xAtY)
                {
                    inside = !inside;
                }
            }
        }

        return inside;
    }

    /// <summary>
    /// The same polygon in pixels of a page <paramref name="pageWidth"/> by
    /// <paramref name="pageHeight"/> pixels (relative coordinates multiplied by the size).
    /// </summary>
    /// <param name="pageWidth">The page's width in pixels; positive.</param>
    /// <param name="pageHeight">The page's height in pixels; positive.</param>
    /// <returns>A new polygon in pixel coordinates.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive and finite.</exception>
    public Polygon ToPixels(double pageWidth, double pageHeight)
    {
        if (!(pageWidth > 0) || double.IsInfinity(pageWidth))
        {
            throw new ArgumentOutOfRangeException(nameof(pageWidth), pageWidth, "The page width must be positive and finite.");
        }

        if (!(pageHeight > 0) || double.IsInfinity(pageHeight))
        {
            throw new ArgumentOutOfRangeException(nameof(pageHeight), pageHeight, "The page height must be positive and finite.");
        }

        var scaled = new Point[_points.Length];
        for (int i = 0; i < scaled.Length; i++)
        {
            scaled[i] = new Point(_points[i].X * pageWidth, _points[i].Y * pageHeight);
        }

        return Wrap(scaled);
    }

    /// <inheritdoc />
    public IEnumerator<Point> GetEnumerator() => ((IEnumerable<Point>)_points).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Whether both polygons have the same points in the same order.</summary>
    /// <param name="other">The polygon to compare with.</param>
    /// <returns><see langword="true"/> when the points are equal.</returns>
    public bool Equals(Polygon? other) =>
        other is not null && (ReferenceEquals(this, other) || _points.AsSpan().SequenceEqual(other._points));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Polygon);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var p in _points)
        {
            hash.Add(p);
        }

        return hash.ToHashCode();
    }

    /// <summary>The points, as <c>[(x, y), …]</c>.</summary>
    /// <returns>A short text form of the polygon.</returns>
    public override string ToString() =>
        "[" + string.Join(", ", _points.Select(p => FormattableString.Invariant($"({p.X:0.####}, {p.Y:0.####})"))) + "]";

    private static bool IsOnSegment(Point p, Point a, Point b)
    {
        const double Epsilon = 1e-12;
        double cross = ((b.X - a.X) * (p.Y - a.Y)) - ((b.Y - a.Y) * (p.X - a.X));
        if (Math.Abs(cross) > Epsilon)
        {
            return false;
        }

        return p.X >= Math.Min(a.X, b.X) - Epsilon && p.X <= Math.Max(a.X, b.X) + Epsilon
            && p.Y >= Math.Min(a.Y, b.Y) - Epsilon && p.Y <= Math.Max(a.Y, b.Y) + Epsilon;
    }
}
