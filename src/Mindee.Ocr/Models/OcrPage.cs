using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace Mindee.Ocr;

/// <summary>The text of one page and every word on it.</summary>
public sealed record OcrPage
{
    /// <summary>Builds a page.</summary>
    /// <param name="words">The words on the page; copied.</param>
    /// <param name="content">The page's text: its lines joined by <c>\n</c>.</param>
    [JsonConstructor]
    public OcrPage(IReadOnlyList<OcrWord> words, string content)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(content);
        Words = ReadOnlyItems.Copy(words);
        Content = content;
    }

    /// <summary>The words on the page, in reading order.</summary>
    public IReadOnlyList<OcrWord> Words { get; }

    /// <summary>The page's text: its lines joined by <c>\n</c>.</summary>
    public string Content { get; }
}
