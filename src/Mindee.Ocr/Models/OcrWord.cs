namespace Mindee.Ocr;

/// <summary>One word found on a page, with its outline.</summary>
/// <param name="Content">The word's text.</param>
/// <param name="Polygon">Where the word stands on the page, relative to the page's size.</param>
public sealed record OcrWord(string Content, Polygon Polygon);
