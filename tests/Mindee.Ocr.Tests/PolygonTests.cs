using System;
using Xunit;

namespace Mindee.Ocr.Tests;

public class PolygonTests
{
    // A word box, clockwise from the top-left, slightly skewed like a real scan.
    private static readonly Polygon Word = new(new Point(0.1, 0.2), new Point(0.3, 0.21), new Point(0.3, 0.26), new Point(0.1, 0.25));

    [Fact]
    public void Bounding_box_holds_every_point()
    {
        var box = Word.BoundingBox;
        Assert.Equal(new BoundingBox(0.1, 0.2, 0.3, 0.26), box);
        Assert.Equal(0.2, box.Width, 12);
        Assert.Equal(0.06, box.Height, 12);
        Assert.True(box.Contains(new Point(0.3, 0.26)));
        Assert.False(box.Contains(new Point(0.31, 0.22)));
    }

    [Fact]
    public void Centroid_of_a_rectangle_is_its_centre()
    {
        var rect = new Polygon(new Point(0, 0), new Point(4, 0), new Point(4, 2), new Point(0, 2));
        Assert.Equal(new Point(2, 1), rect.Centroid);
    }

    [Fact]
    public void Centroid_is_area_weighted_not_the_mean_of_the_points()
    {
        // An L-shape: the mean of its 6 points is (1.5, 1.5)... the area centroid is not.
        var l = new Polygon(new Point(0, 0), new Point(3, 0), new Point(3, 1), new Point(1, 1), new Point(1, 3), new Point(0, 3));
        var c = l.Centroid;
        Assert.Equal(1.1, c.X, 12);
        Assert.Equal(1.1, c.Y, 12);
    }

    [Fact]
    public void Centroid_of_a_degenerate_polygon_is_the_mean_of_its_points()
    {
        var line = new Polygon(new Point(0, 0), new Point(2, 2));
        Assert.Equal(new Point(1, 1), line.Centroid);
    }

    [Theory]
    [InlineData(0.2, 0.23, true)]   // inside
    [InlineData(0.1, 0.22, true)]   // on the left edge
    [InlineData(0.3, 0.21, true)]   // a vertex
    [InlineData(0.05, 0.22, false)] // left of it
    [InlineData(0.2, 0.27, false)]  // below it
    [InlineData(0.2, 0.2, false)]   // above the skewed top edge
    public void Contains_tells_inside_edge_and_outside(double x, double y, bool expected) =>
        Assert.Equal(expected, Word.Contains(new Point(x, y)));

    [Fact]
    public void Contains_handles_a_concave_polygon()
    {
        var l = new Polygon(new Point(0, 0), new Point(3, 0), new Point(3, 1), new Point(1, 1), new Point(1, 3), new Point(0, 3));
        Assert.True(l.Contains(new Point(0.5, 2.5)));
        Assert.False(l.Contains(new Point(2, 2)));
    }

    [Fact]
    public void To_pixels_scales_each_axis_by_the_page_size()
    {
        var pixels = Word.ToPixels(1000, 2000);
        Assert.Equal(new Point(100, 400), pixels[0]);
        Assert.Equal(new Point(300, 520), pixels[2]);
        Assert.Equal(4, pixels.Count);
    }

    [Theory]
    [InlineData(0, 100)]
    [InlineData(100, -1)]
    [InlineData(double.NaN, 100)]
    [InlineData(100, double.PositiveInfinity)]
    public void To_pixels_rejects_a_page_size_that_is_not_positive(double width, double height) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Word.ToPixels(width, height));

    [Fact]
    public void An_empty_polygon_has_no_box_nor_centroid_and_contains_nothing()
    {
        var empty = new Polygon();
        Assert.Throws<InvalidOperationException>(() => empty.BoundingBox);
        Assert.Throws<InvalidOperationException>(() => empty.Centroid);
        Assert.False(empty.Contains(new Point(0, 0)));
    }

    [Fact]
    public void Polygons_with_the_same_points_are_equal()
    {
        var again = new Polygon([new Point(0.1, 0.2), new Point(0.3, 0.21), new Point(0.3, 0.26), new Point(0.1, 0.25)]);
        Assert.Equal(Word, again);
        Assert.Equal(Word.GetHashCode(), again.GetHashCode());
        Assert.NotEqual(Word, Word.ToPixels(2, 2));
        Assert.Equal("[(0.1, 0.2), (0.3, 0.21), (0.3, 0.26), (0.1, 0.25)]", Word.ToString());
    }
}
