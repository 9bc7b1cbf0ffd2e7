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
    private static PageLayout FromContent(string content, ItemList<OcrWord> words, ContentMatcher matcher, BoundingBox[] boxes, bool[] hasBox)
    {
        var partStarts = PartStarts(content);
        var blocks = new List<OcrBlock>();
        var allLines = new List<OcrLine>();
        var blockLines = new List<OcrLine>();
        int start = 0;
        while (start < words.Count)
        {
            int part = matcher.Part[start];
            int end = start + 1;
            while (end < words.Count && matcher.Part[end] == part)
            {
                end++;
            }

            blockLines.Clear();
            int lineStart = start;
            BoundingBox band = default;
            bool haveBand = false;
            for (int w = start; w < end; w++)
            {
                if (!hasBox[w])
                {
                    continue;
                }

                var box = boxes[w];
                if (haveBand && w > lineStart && TextGeometry.CenterY(box) > band.MaxY && StartsLeftOfPrevious(w, lineStart, boxes, hasBox))
                {
                    blockLines.Add(Line(content, words, matcher, lineStart, w));
                    lineStart = w;
                    haveBand = false;
                }

                band = haveBand ? TextGeometry.Union(band, box) : box;
                haveBand = true;
            }

            blockLines.Add(Line(content, words, matcher, lineStart, end));
            var lines = ItemList<OcrLine>.Own(blockLines.ToArray());
            allLines.AddRange(lines);

            int partEnd = part + 1 < partStarts.Count ? partStarts[part + 1] - 1 : content.Length;
            var blockWords = words.Slice(start, end - start);
            blocks.Add(new OcrBlock(content.Substring(partStarts[part], partEnd - partStarts[part]), blockWords, TextGeometry.Cover(blockWords), lines));
            start = end;
        }

        return new PageLayout(ItemList<OcrBlock>.Own(blocks.ToArray()), ItemList<OcrLine>.Own(allLines.ToArray()));
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
        bool spelled = true;
        for (int w = start; w < end && spelled; w++)
        {
            spelled = matcher.Start[w] >= 0;
        }

        int from = matcher.Start[start];
        int to = matcher.End[end - 1];
        string text = spelled && to > from && content.IndexOf('\n', from, to - from) < 0
            ? content.Substring(from, to - from)
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

    private static List<int> PartStarts(string content)
    {
        var starts = new List<int> { 0 };
        for (int i = content.IndexOf('\n'); i >= 0; i = content.IndexOf('\n', i + 1))
        {
            starts.Add(i + 1);
        }

        return starts;
    }
}
