using System;
using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;

namespace Mindee.Ocr;

/// <summary>
/// A block's words joined by one space, and where each word starts in that text: what a search
/// reads, so a match maps back to the words it touches, across the block's rows.
/// </summary>
internal sealed class BlockText
{
    private readonly OcrBlock _block;
    private readonly int[] _wordStarts;

    private BlockText(OcrBlock block, string text, int[] wordStarts)
    {
        _block = block;
        Text = text;
        _wordStarts = wordStarts;
    }

    public string Text { get; }

    public static BlockText[] For(ItemList<OcrBlock> blocks)
    {
        var texts = new BlockText[blocks.Count];
        var builder = new StringBuilder();
        for (int b = 0; b < blocks.Count; b++)
        {
            var words = blocks[b].Words;
            var starts = new int[words.Count];
            builder.Clear();
            for (int w = 0; w < words.Count; w++)
            {
                if (w > 0)
                {
                    builder.Append(' ');
                }

                starts[w] = builder.Length;
                builder.Append(words[w].Content);
            }

            texts[b] = new BlockText(blocks[b], builder.ToString(), starts);
        }

        return texts;
    }

    /// <summary>Every non-overlapping occurrence of <paramref name="query"/>.</summary>
    public void Find(string query, StringComparison comparison, int pageNumber, List<OcrTextMatch> matches)
    {
        int from = 0;
        while (from < Text.Length)
        {
            int index = Text.IndexOf(query, from, comparison);
            if (index < 0)
            {
                return;
            }

            // A culture-aware comparison can match a different length than the query's: measure it.
            int length = comparison is StringComparison.Ordinal or StringComparison.OrdinalIgnoreCase
                ? query.Length
                : MatchedLength(index, query, comparison);
            matches.Add(Match(index, Math.Max(length, 1), pageNumber));
            from = index + Math.Max(length, 1);
        }
    }

    /// <summary>Every match of <paramref name="pattern"/> that is not empty.</summary>
    public void Find(Regex pattern, int pageNumber, List<OcrTextMatch> matches)
    {
        for (var match = pattern.Match(Text); match.Success; match = match.NextMatch())
        {
            if (match.Length > 0)
            {
                matches.Add(Match(match.Index, match.Length, pageNumber));
            }
        }
    }

    private int MatchedLength(int index, string query, StringComparison comparison)
    {
        for (int length = 1; index + length <= Text.Length && length <= query.Length * 2 + 4; length++)
        {
            if (Text.AsSpan(index, length).Equals(query.AsSpan(), comparison))
            {
                return length;
            }
        }

        return query.Length;
    }

    private OcrTextMatch Match(int index, int length, int pageNumber)
    {
        int first = WordAt(index);
        int last = WordAt(index + length - 1);
        var words = ((ItemList<OcrWord>)_block.Words).Slice(first, last - first + 1);
        return new OcrTextMatch(pageNumber, Text.Substring(index, length), words, TextGeometry.Cover(words));
    }

    /// <summary>The word holding the character at <paramref name="index"/> (a space counts with the word before it).</summary>
    private int WordAt(int index)
    {
        int found = Array.BinarySearch(_wordStarts, index);
        return found >= 0 ? found : ~found - 1;
    }
}
