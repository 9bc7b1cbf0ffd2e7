using System.Collections.Generic;

namespace Mindee.Ocr;

/// <summary>
/// One part of a page's text as the service segments it: one <c>\n</c>-separated part of the
/// page's <see cref="OcrPage.Content"/> and the run of words that spells it. A block is often
/// several visual rows (an address, a paragraph); <see cref="Lines"/> gives them.
/// </summary>
/// <remarks>
/// Derived from the page's content and words on first use, never sent by the service. Where the
/// content and the words disagree beyond repair, blocks are the lines found from the words'
/// geometry, one block per line.
/// </remarks>
public sealed record OcrBlock
{
    internal OcrBlock(string content, IReadOnlyList<OcrWord> words, BoundingBox boundingBox, IReadOnlyList<OcrLine> lines)
    {
        Content = content;
        Words = words;
        BoundingBox = boundingBox;
        Lines = lines;
    }

    /// <summary>The block's text: its part of the page's content, as the service wrote it.</summary>
    public string Content { get; }

    /// <summary>The block's words, in reading order; read-only, never empty.</summary>
    public IReadOnlyList<OcrWord> Words { get; }

    /// <summary>The rectangle covering the block's words, as a polygon (clockwise from the top-left), relative to the page.</summary>
    public Polygon Polygon => TextGeometry.Outline(BoundingBox);

    /// <summary>The rectangle covering the block's words, relative to the page.</summary>
    public BoundingBox BoundingBox { get; }

    /// <summary>The block's visual rows, top to bottom; read-only, never empty.</summary>
    public IReadOnlyList<OcrLine> Lines { get; }

    /// <summary>A summary: the number of lines and words, and the start of the text.</summary>
    /// <returns>Such as <c>Block of 3 lines, 12 words: "Shipper: GLOBAL FREIGHT …"</c>.</returns>
    public override string ToString() =>
        "Block of " + ModelText.Count(Lines.Count, "line") + ", " + ModelText.Count(Words.Count, "word") + ModelText.Excerpt(Content);
}
