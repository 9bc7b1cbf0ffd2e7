using System;
using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;

namespace Mindee.Ocr;

/// <summary>The text of one page and every word on it, with its blocks and lines.</summary>
public sealed record OcrPage
{
    /// <summary>The words on the page, in reading order; read-only.</summary>
    public required IReadOnlyList<OcrWord> Words { get; init => field = ItemList<OcrWord>.Copy(value, nameof(Words)); }

    /// <summary>The page's text: its blocks joined by <c>\n</c>.</summary>
    public required string Content { get; init => field = value ?? throw new ArgumentNullException(nameof(Content)); }

    /// <summary>
    /// The page's 1-based number in its document: its position in <see cref="OcrResult.Pages"/>,
    /// set by the result that holds it (1 for a page on its own).
    /// </summary>
    public int Number
    {
        get;
        internal init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Number), value, "Page numbers start at 1.");
    } = 1;

    /// <summary>
    /// The service's text segmentation, in reading order: one block per <c>\n</c>-separated part
    /// of <see cref="Content"/>, holding the run of words that spells it (often several rows).
    /// Every word is in exactly one block. Computed on first use, then kept.
    /// </summary>
    /// <remarks>
    /// Words are matched to the content without regard to spacing, Unicode normalization or
    /// case; a word the content lacks joins the block of the word before it, and a part no word
    /// spells has no block. Where the two disagree beyond repair (fewer than half of the words
    /// found), or the content is empty, the blocks are the <see cref="Lines"/> found from the
    /// words' geometry, one block per line.
    /// </remarks>
    public IReadOnlyList<OcrBlock> Blocks => PageLayout.Of(this).Blocks;

    /// <summary>
    /// The page's visual rows, block by block, in reading order; every word is in exactly one
    /// line. A block's words start a new row where a word's vertical centre lies below the row
    /// so far and it starts left of where the word before it ends, or where a word's centre lies
    /// above the row so far (the block goes on in another column). Computed on first use, then kept.
    /// </summary>
    public IReadOnlyList<OcrLine> Lines => PageLayout.Of(this).Lines;

    /// <summary>
    /// Finds <paramref name="text"/> in the page's blocks, also where it spans words and rows
    /// (<c>"Total amount due"</c>). White space in <paramref name="text"/> matches the one space
    /// between two words.
    /// </summary>
    /// <param name="text">The text to find; runs of white space in it count as one space.</param>
    /// <param name="comparison">How to compare; <see cref="StringComparison.OrdinalIgnoreCase"/> to ignore case.</param>
    /// <returns>
    /// Every non-overlapping match, in reading order; empty when there is none, or when the
    /// comparison ignores every character of <paramref name="text"/> (a soft hyphen under a culture).
    /// </returns>
    /// <exception cref="ArgumentException"><paramref name="text"/> is null, empty or only white space, or <paramref name="comparison"/> is not one of <see cref="StringComparison"/>'s values.</exception>
    public IReadOnlyList<OcrTextMatch> Find(string text, StringComparison comparison = StringComparison.Ordinal)
    {
        var query = TextQuery.Normalize(text, nameof(text));
        TextQuery.CheckComparison(comparison, nameof(comparison));
        if (TextQuery.MatchesNothing(query, comparison))
        {
            return ItemList<OcrTextMatch>.Empty;
        }

        var matches = new List<OcrTextMatch>();
        FindInto(query, comparison, matches);
        return ItemList<OcrTextMatch>.Own(matches.ToArray());
    }

    /// <summary>Finds the matches of <paramref name="pattern"/> in each of the page's blocks (its words joined by one space).</summary>
    /// <param name="pattern">The pattern; a match never spans two blocks.</param>
    /// <returns>Every non-empty match, in reading order; empty when there is none.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="pattern"/> is null.</exception>
    public IReadOnlyList<OcrTextMatch> Find(Regex pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var matches = new List<OcrTextMatch>();
        FindInto(pattern, matches);
        return ItemList<OcrTextMatch>.Own(matches.ToArray());
    }

    /// <summary>The words inside a region of the page, such as the top-right box of an invoice.</summary>
    /// <param name="region">The region, relative to the page (0 to 1), like the words' polygons.</param>
    /// <param name="minOverlap">The share of a word's own area that must lie inside the region, above 0 and at most 1.</param>
    /// <returns>Those words, in reading order.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minOverlap"/> is not above 0 and at most 1.</exception>
    public IReadOnlyList<OcrWord> WordsIn(BoundingBox region, double minOverlap = 0.5)
    {
        if (!(minOverlap > 0 && minOverlap <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(minOverlap), minOverlap, "The overlap is a share of the word's area: above 0 and at most 1.");
        }

        var found = new List<OcrWord>();
        foreach (var line in Lines)
        {
            foreach (var word in line.Words)
            {
                if (Inside(word, region, minOverlap))
                {
                    found.Add(word);
                }
            }
        }

        return ItemList<OcrWord>.Own(found.ToArray());
    }

    /// <summary>
    /// The text inside a region of the page, in reading order: the words at least half inside
    /// it, one space between the words of a line and a <c>\n</c> between lines.
    /// </summary>
    /// <param name="region">The region, relative to the page (0 to 1), like the words' polygons.</param>
    /// <returns>The text; empty when no word is inside.</returns>
    public string TextIn(BoundingBox region)
    {
        var text = new StringBuilder();
        foreach (var line in Lines)
        {
            bool lineStarted = false;
            foreach (var word in line.Words)
            {
                if (!Inside(word, region, 0.5))
                {
                    continue;
                }

                if (lineStarted)
                {
                    text.Append(' ');
                }
                else if (text.Length > 0)
                {
                    text.Append('\n');
                }

                text.Append(word.Content);
                lineStarted = true;
            }
        }

        return text.ToString();
    }

    /// <summary>A summary: the number, the number of words and the start of the text.</summary>
    /// <returns>Such as <c>Page 1 of 370 words: "INVOICE 42 …"</c>.</returns>
    public override string ToString() => $"Page {Number} of " + ModelText.Count(Words.Count, "word") + ModelText.Excerpt(Content);

    internal void FindInto(string query, StringComparison comparison, List<OcrTextMatch> matches)
    {
        foreach (var block in PageLayout.Of(this).SearchText)
        {
            block.Find(query, comparison, Number, matches);
        }
    }

    internal void FindInto(Regex pattern, List<OcrTextMatch> matches)
    {
        foreach (var block in PageLayout.Of(this).SearchText)
        {
            block.Find(pattern, Number, matches);
        }
    }

    private static bool Inside(OcrWord word, BoundingBox region, double minOverlap) =>
        TextGeometry.BoxOf(word) is { } box && TextGeometry.ShareInside(box, region) >= minOverlap;
}
