using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace Mindee.Ocr;

/// <summary>What the OCR found in a document.</summary>
public sealed record OcrResult
{
    private static readonly ConditionalWeakTable<OcrResult, string> Texts = new();

    /// <summary>The document's pages, in order, numbered from 1 (<see cref="OcrPage.Number"/>); read-only.</summary>
    public required IReadOnlyList<OcrPage> Pages { get; init => field = Numbered(ItemList<OcrPage>.Copy(value, nameof(Pages))); }

    /// <summary>
    /// The whole text: every page's content, pages separated by a form feed (<c>\f</c>), as
    /// pdftotext and Tesseract write it. Computed on first use, then kept.
    /// </summary>
    public string Text => Texts.GetValue(this, static result => string.Join("\f", result.Pages.Select(p => p.Content)));

    /// <summary>
    /// Finds <paramref name="text"/> on every page, also where it spans words and rows
    /// (<c>"Total amount due"</c>); see <see cref="OcrPage.Find(string, System.StringComparison)"/>.
    /// </summary>
    /// <param name="text">The text to find; runs of white space in it count as one space.</param>
    /// <param name="comparison">How to compare; <see cref="System.StringComparison.OrdinalIgnoreCase"/> to ignore case.</param>
    /// <returns>Every non-overlapping match, page by page in reading order; empty when there is none.</returns>
    /// <exception cref="System.ArgumentException"><paramref name="text"/> is null, empty or only white space, or <paramref name="comparison"/> is not one of <see cref="System.StringComparison"/>'s values.</exception>
    public IReadOnlyList<OcrTextMatch> Find(string text, System.StringComparison comparison = System.StringComparison.Ordinal)
    {
        var query = TextQuery.Normalize(text, nameof(text));
        TextQuery.CheckComparison(comparison, nameof(comparison));
        if (TextQuery.MatchesNothing(query, comparison))
        {
            return ItemList<OcrTextMatch>.Empty;
        }

        var matches = new List<OcrTextMatch>();
        foreach (var page in Pages)
        {
            page.FindInto(query, comparison, matches);
        }

        return ItemList<OcrTextMatch>.Own(matches.ToArray());
    }

    /// <summary>Finds the matches of <paramref name="pattern"/> on every page; see <see cref="OcrPage.Find(Regex)"/>.</summary>
    /// <param name="pattern">The pattern; a match never spans two blocks.</param>
    /// <returns>Every non-empty match, page by page in reading order; empty when there is none.</returns>
    /// <exception cref="System.ArgumentNullException"><paramref name="pattern"/> is null.</exception>
    public IReadOnlyList<OcrTextMatch> Find(Regex pattern)
    {
        System.ArgumentNullException.ThrowIfNull(pattern);
        var matches = new List<OcrTextMatch>();
        foreach (var page in Pages)
        {
            page.FindInto(pattern, matches);
        }

        return ItemList<OcrTextMatch>.Own(matches.ToArray());
    }

    /// <summary>A summary: pages, words and the start of the text.</summary>
    /// <returns>Such as <c>3 pages, 1,100 words: "INVOICE 42 …"</c>.</returns>
    public override string ToString() =>
        ModelText.Count(Pages.Count, "page") + ", " + ModelText.Count(Pages.Sum(p => p.Words.Count), "word")
        + ModelText.Excerpt(Pages.FirstOrDefault(p => p.Content.Length > 0)?.Content ?? string.Empty);

    /// <summary>Gives each page its position as its number, copying only the pages that need it.</summary>
    private static ItemList<OcrPage> Numbered(ItemList<OcrPage> pages)
    {
        OcrPage[]? renumbered = null;
        for (int i = 0; i < pages.Count; i++)
        {
            if (pages[i].Number != i + 1)
            {
                renumbered ??= pages.ToArray();
                renumbered[i] = pages[i] with { Number = i + 1 };
            }
        }

        return renumbered is null ? pages : ItemList<OcrPage>.Own(renumbered);
    }
}
