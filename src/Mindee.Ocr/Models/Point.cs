namespace Mindee.Ocr;

/// <summary>
/// A point on a page. In OCR results both coordinates are relative to the page's size:
/// <c>0</c> is the left (or top) edge and <c>1</c> the right (or bottom) edge.
/// </summary>
/// <param name="X">Horizontal coordinate, from the left edge.</param>
/// <param name="Y">Vertical coordinate, from the top edge.</param>
public readonly record struct Point(double X, double Y);
