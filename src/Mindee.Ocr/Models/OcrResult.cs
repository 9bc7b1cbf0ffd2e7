using System.Collections.Generic;
using System.Linq;

namespace Mindee.Ocr;

/// <summary>What the OCR found in a document.</summary>
public sealed record OcrResult
{
    /// <summary>The document's pages, in order; read-only.</summary>
    public required IReadOnlyList<OcrPage> Pages { get; init => field = ItemList<OcrPage>.Copy(value, nameof(Pages)); }

    /// <summary>A summary: pages, words and the start of the text.</summary>
    /// <returns>Such as <c>3 pages, 1,100 words: "INVOICE 42 …"</c>.</returns>
    public override string ToString() =>
        ModelText.Count(Pages.Count, "page") + ", " + ModelText.Count(Pages.Sum(p => p.Words.Count), "word")
        + ModelText.Excerpt(Pages.FirstOrDefault(p => p.Content.Length > 0)?.Content ?? string.Empty);
}
