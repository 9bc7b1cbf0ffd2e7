using System.Collections.Generic;

namespace Mindee.Ocr;

/// <summary>
/// Where a searched text was found: the page, the text as it stands there, and the words that
/// hold it (several when the match spans words, across a block's rows too).
/// </summary>
public sealed record OcrTextMatch
{
    internal OcrTextMatch(int pageNumber, string text, IReadOnlyList<OcrWord> words, BoundingBox boundingBox)
    {
        PageNumber = pageNumber;
        Text = text;
        Words = words;
        BoundingBox = boundingBox;
    }

    /// <summary>The 1-based number of the page it is on.</summary>
    public int PageNumber { get; }

    /// <summary>The matched text, as it stands in the words (words separated by one space).</summary>
    public string Text { get; }

    /// <summary>The words the match touches, in reading order; read-only, never empty.</summary>
    public IReadOnlyList<OcrWord> Words { get; }

    /// <summary>The rectangle covering those words, relative to the page.</summary>
    public BoundingBox BoundingBox { get; }

    /// <summary>The text and where it is.</summary>
    /// <returns>Such as <c>"Total amount due" on page 2 (3 words)</c>.</returns>
    public override string ToString() => $"\"{Text}\" on page {PageNumber} ({ModelText.Count(Words.Count, "word")})";
}
