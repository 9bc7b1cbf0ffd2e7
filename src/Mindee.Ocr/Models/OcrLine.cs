using System.Collections.Generic;

namespace Mindee.Ocr;

/// <summary>One visual row of text within a block: words side by side, left to right.</summary>
/// <remarks>Derived from the page's words on first use, never sent by the service.</remarks>
public sealed record OcrLine
{
    internal OcrLine(string content, IReadOnlyList<OcrWord> words, BoundingBox boundingBox)
    {
        Content = content;
        Words = words;
        BoundingBox = boundingBox;
    }

    /// <summary>
    /// The line's text: its stretch of the block's content (spacing as the service wrote it),
    /// or its words joined by spaces where the content does not spell them.
    /// </summary>
    public string Content { get; }

    /// <summary>The line's words, left to right; read-only, never empty.</summary>
    public IReadOnlyList<OcrWord> Words { get; }

    /// <summary>The rectangle covering the line's words, as a polygon (clockwise from the top-left), relative to the page.</summary>
    public Polygon Polygon => TextGeometry.Outline(BoundingBox);

    /// <summary>The rectangle covering the line's words, relative to the page.</summary>
    public BoundingBox BoundingBox { get; }

    /// <summary>A summary: the number of words and the text.</summary>
    /// <returns>Such as <c>Line of 3 words: "Total amount due"</c>.</returns>
    public override string ToString() => "Line of " + ModelText.Count(Words.Count, "word") + ModelText.Excerpt(Content);
}
