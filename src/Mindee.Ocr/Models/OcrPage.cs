using System;
using System.Collections.Generic;

namespace Mindee.Ocr;

/// <summary>The text of one page and every word on it.</summary>
public sealed record OcrPage
{
    /// <summary>The words on the page, in reading order; read-only.</summary>
    public required IReadOnlyList<OcrWord> Words { get; init => field = ItemList<OcrWord>.Copy(value, nameof(Words)); }

    /// <summary>The page's text: its lines joined by <c>\n</c>.</summary>
    public required string Content { get; init => field = value ?? throw new ArgumentNullException(nameof(Content)); }

    /// <summary>A summary: the number of words and the start of the text.</summary>
    /// <returns>Such as <c>Page of 370 words: "INVOICE 42 …"</c>.</returns>
    public override string ToString() => "Page of " + ModelText.Count(Words.Count, "word") + ModelText.Excerpt(Content);
}
