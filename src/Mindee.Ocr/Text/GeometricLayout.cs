using System;
using System.Collections.Generic;

namespace Mindee.Ocr;

/// <summary>
/// Lines found from the words' geometry alone, for pages whose content cannot give the blocks
/// (empty, or disagreeing with the words beyond repair): words whose vertical bands overlap form
/// a row, read left to right; a wide gap in a row separates columns, which stay separate lines.
/// Each line is a block of its own.
/// </summary>
internal static class GeometricLayout
{
    // A gap wider than this many word heights separates two columns rather than two words.
    private const double ColumnGap = 2.0;

    public static PageLayout Build(ItemList<OcrWord> words, BoundingBox[] boxes, bool[] hasBox)
    {
        int n = words.Count;
        var placed = new List<int>(n);
        var unplaced = new List<int>();
        for (int i = 0; i < n; i++)
        {
            (hasBox[i] ? placed : unplaced).Add(i);
        }

        // Top to bottom by vertical centre (then left to right), each word joins the row whose band holds its centre.
        placed.Sort((a, b) =>
        {
            int byY = TextGeometry.CenterY(boxes[a]).CompareTo(TextGeometry.CenterY(boxes[b]));
            return byY != 0 ? byY : boxes[a].MinX.CompareTo(boxes[b].MinX);
        });

        var lines = new List<OcrWord[]>();
        var row = new List<int>();
        BoundingBox band = default;
        foreach (int w in placed)
        {
            double centre = TextGeometry.CenterY(boxes[w]);
            if (row.Count > 0 && centre > band.MaxY && TextGeometry.CenterY(band) < boxes[w].MinY)
            {
                SplitRow(row, words, boxes, lines);
                row.Clear();
            }

            band = row.Count == 0 ? boxes[w] : TextGeometry.Union(band, boxes[w]);
            row.Add(w);
        }

        if (row.Count > 0)
        {
            SplitRow(row, words, boxes, lines);
        }

        if (unplaced.Count > 0)
        {
            // Words without a polygon cannot be placed: they form a last line, in their own order.
            lines.Add(unplaced.ConvertAll(i => words[i]).ToArray());
        }

        var blocks = new OcrBlock[lines.Count];
        var allLines = new OcrLine[lines.Count];
        for (int i = 0; i < lines.Count; i++)
        {
            var lineWords = ItemList<OcrWord>.Own(lines[i]);
            var text = PageLayout.Join(lineWords);
            var box = TextGeometry.Cover(lineWords);
            allLines[i] = new OcrLine(text, lineWords, box);
            blocks[i] = new OcrBlock(text, lineWords, box, ItemList<OcrLine>.Own([allLines[i]]));
        }

        return PageLayout.Create(ItemList<OcrBlock>.Own(blocks), ItemList<OcrLine>.Own(allLines));
    }

    /// <summary>Sorts a row left to right and cuts it where a gap is wider than <see cref="ColumnGap"/> word heights.</summary>
    private static void SplitRow(List<int> row, ItemList<OcrWord> words, BoundingBox[] boxes, List<OcrWord[]> lines)
    {
        row.Sort((a, b) => boxes[a].MinX.CompareTo(boxes[b].MinX));
        int start = 0;
        for (int i = 1; i <= row.Count; i++)
        {
            if (i < row.Count)
            {
                var previous = boxes[row[i - 1]];
                var current = boxes[row[i]];
                double height = Math.Max(previous.Height, current.Height);
                if (current.MinX - previous.MaxX <= ColumnGap * height)
                {
                    continue;
                }
            }

            var line = new OcrWord[i - start];
            for (int k = start; k < i; k++)
            {
                line[k - start] = words[row[k]];
            }

            lines.Add(line);
            start = i;
        }
    }
}
