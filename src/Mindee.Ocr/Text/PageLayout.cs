using System;
using System.Buffers;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text;

namespace Mindee.Ocr;

/// <summary>
/// A page's blocks and lines, computed once per page on first use and kept beside it (not in
/// it: the page stays an immutable record whose equality is its data).
/// </summary>
internal sealed class PageLayout
{
    private static readonly ConditionalWeakTable<OcrPage, PageLayout> Layouts = new();
    private static readonly ConditionalWeakTable<OcrPage, PageLayout>.CreateValueCallback BuildCallback = Build;

    private PageLayout(ItemList<OcrBlock> blocks, ItemList<OcrLine> lines)
    {
        Blocks = blocks;
        Lines = lines;
    }

    public ItemList<OcrBlock> Blocks { get; }

    public static PageLayout Create(ItemList<OcrBlock> blocks, ItemList<OcrLine> lines) => new(blocks, lines);

    public ItemList<OcrLine> Lines { get; }

    /// <summary>Each block's words joined by one space, with where each word starts: what search reads.</summary>
    public BlockText[] SearchText => field ??= BlockText.For(Blocks);

    public static PageLayout Of(OcrPage page) => Layouts.GetValue(page, BuildCallback);

    private static PageLayout Build(OcrPage page)
    {
        var words = (ItemList<OcrWord>)page.Words;
        if (words.Count == 0)
        {
            return new PageLayout(ItemList<OcrBlock>.Empty, ItemList<OcrLine>.Empty);
        }

        var boxes = ArrayPool<BoundingBox>.Shared.Rent(words.Count);
        var hasBox = ArrayPool<bool>.Shared.Rent(words.Count);
        try
        {
            for (int i = 0; i < words.Count; i++)
            {
                var box = TextGeometry.BoxOf(words[i]);
                hasBox[i] = box.HasValue;
                boxes[i] = box.GetValueOrDefault();
            }

            using var matcher = ContentMatcher.Match(page.Content, words);
            return matcher is null
                ? GeometricLayout.Build(words, boxes, hasBox)
                : FromContent(page.Content, words, matcher, boxes, hasBox);
        }
        finally
        {
            ArrayPool<BoundingBox>.Shared.Return(boxes);
            ArrayPool<bool>.Shared.Return(hasBox);
        }
    }

    /// <summary>Blocks are the content's parts with their runs of words; each block is cut into rows.</summary>
    /// <remarks>
    /// Allocates only what it hands out (blocks, lines, their texts and word runs): the working
    /// arrays are pooled, and a block of one row shares its text and its words with that row.
    /// </remarks>
    private static PageLayout FromContent(string content, ItemList<OcrWord> words, ContentMatcher matcher, BoundingBox[] boxes, bool[] hasBox)
    {
        // A block holds at least one word, and so does a line: the word count bounds both.
        var partStarts = ArrayPool<int>.Shared.Rent(content.Length + 1);
        var blocks = ArrayPool<OcrBlock>.Shared.Rent(words.Count);
        var allLines = ArrayPool<OcrLine>.Shared.Rent(words.Count);
        var blockLines = ArrayPool<int>.Shared.Rent(words.Count + 1);
        int partCount = PartStarts(content, partStarts);
        int blockCount = 0, lineCount = 0;
        try
        {
            int start = 0;
            while (start < words.Count)
            {
                int part = matcher.Part[start];
                int end = start + 1;
                while (end < words.Count && matcher.Part[end] == part)
                {
                    end++;
                }

                // Where each row starts; the last entry is the block's end.
                int rows = 0;
                blockLines[rows++] = start;
                BoundingBox band = default;
                bool haveBand = false;
                for (int w = start; w < end; w++)
                {
                    if (!hasBox[w])
                    {
                        continue;
                    }

                    var box = boxes[w];
                    if (haveBand && w > blockLines[rows - 1] && StartsRow(box, band, w, blockLines[rows - 1], boxes, hasBox))
                    {
                        blockLines[rows++] = w;
                        haveBand = false;
                    }

                    band = haveBand ? TextGeometry.Union(band, box) : box;
                    haveBand = true;
                }

                blockLines[rows] = end;
                int partEnd = part + 1 < partCount ? partStarts[part + 1] - 1 : content.Length;
                var blockContent = content.Substring(partStarts[part], partEnd - partStarts[part]);
                var blockWords = words.Slice(start, end - start);
                var blockBox = TextGeometry.Cover(blockWords);
                var lines = new OcrLine[rows];
                if (rows == 1 && Spelled(content, matcher, start, end) && matcher.Start[start] == partStarts[part] && matcher.End[end - 1] == partEnd)
                {
                    // One row spelling the whole part: the line shares the block's text, words and box.
                    lines[0] = new OcrLine(blockContent, blockWords, blockBox);
                }
                else
                {
                    for (int r = 0; r < rows; r++)
                    {
                        lines[r] = Line(content, words, matcher, blockLines[r], blockLines[r + 1]);
                    }
                }

                Array.Copy(lines, 0, allLines, lineCount, rows);
                lineCount += rows;
                blocks[blockCount++] = new OcrBlock(blockContent, blockWords, blockBox, ItemList<OcrLine>.Own(lines));
                start = end;
            }

            return new PageLayout(ItemList<OcrBlock>.Own(Exact(blocks, blockCount)), ItemList<OcrLine>.Own(Exact(allLines, lineCount)));
        }
        finally
        {
            ArrayPool<int>.Shared.Return(partStarts);
            ArrayPool<int>.Shared.Return(blockLines);
            ArrayPool<OcrBlock>.Shared.Return(blocks, clearArray: true);
            ArrayPool<OcrLine>.Shared.Return(allLines, clearArray: true);
        }
    }

    private static T[] Exact<T>(T[] items, int count)
    {
        var exact = new T[count];
        Array.Copy(items, exact, count);
        return exact;
    }

    /// <summary>
    /// Whether the content spells words <paramref name="start"/> to <paramref name="end"/> (exclusive)
    /// within one part, so the part's text from the first to the last is theirs.
    /// </summary>
    private static bool Spelled(string content, ContentMatcher matcher, int start, int end)
    {
        for (int w = start; w < end; w++)
        {
            if (matcher.Start[w] < 0)
            {
                return false;
            }
        }

        int from = matcher.Start[start];
        int to = matcher.End[end - 1];
        return to > from && content.IndexOf('\n', from, to - from) < 0;
    }

    /// <summary>
    /// Whether word <paramref name="w"/> starts a new row: its vertical centre lies below the row so
    /// far and it starts left of where the word before it ends (the next row), or its centre lies
    /// above the row so far (the block goes on at the top of another column).
    /// </summary>
    private static bool StartsRow(BoundingBox box, BoundingBox band, int w, int lineStart, BoundingBox[] boxes, bool[] hasBox)
    {
        double centre = TextGeometry.CenterY(box);
        return centre < band.MinY || (centre > band.MaxY && StartsLeftOfPrevious(w, lineStart, boxes, hasBox));
    }

    /// <summary>Whether word <paramref name="w"/> starts left of where the word before it (with a polygon) ends.</summary>
    private static bool StartsLeftOfPrevious(int w, int lineStart, BoundingBox[] boxes, bool[] hasBox)
    {
        for (int previous = w - 1; previous >= lineStart; previous--)
        {
            if (hasBox[previous])
            {
                return boxes[w].MinX < boxes[previous].MaxX;
            }
        }

        return false;
    }

    private static OcrLine Line(string content, ItemList<OcrWord> words, ContentMatcher matcher, int start, int end)
    {
        var lineWords = words.Slice(start, end - start);
        string text = Spelled(content, matcher, start, end)
            ? content.Substring(matcher.Start[start], matcher.End[end - 1] - matcher.Start[start])
            : Join(lineWords);
        return new OcrLine(text, lineWords, TextGeometry.Cover(lineWords));
    }

    /// <summary>The words' text joined by one space each.</summary>
    public static string Join(IReadOnlyList<OcrWord> words)
    {
        if (words.Count == 1)
        {
            return words[0].Content;
        }

        var text = new StringBuilder();
        for (int i = 0; i < words.Count; i++)
        {
            if (i > 0)
            {
                text.Append(' ');
            }

            text.Append(words[i].Content);
        }

        return text.ToString();
    }

    /// <summary>Writes where each of the content's <c>\n</c>-separated parts starts into <paramref name="starts"/>; returns how many parts.</summary>
    private static int PartStarts(string content, int[] starts)
    {
        int count = 0;
        starts[count++] = 0;
        for (int i = content.IndexOf('\n'); i >= 0; i = content.IndexOf('\n', i + 1))
        {
            starts[count++] = i + 1;
        }

        return count;
    }
}
