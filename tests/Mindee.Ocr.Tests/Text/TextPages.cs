using System.Collections.Generic;
using System.Linq;
using Mindee.Ocr.Testing;

namespace Mindee.Ocr.Tests.Text;

/// <summary>
/// Real-shaped pages written by hand, as Mindee's service lays them out: content parts in reading
/// order, words in the same order, blocks spanning rows, two columns, and the disagreements
/// between content and words that real results show.
/// </summary>
internal static class TextPages
{
    public const double RowHeight = 0.012;
    public const double RowStep = 0.02;

    /// <summary>Words side by side from <paramref name="x"/> on the row at <paramref name="y"/>.</summary>
    public static IEnumerable<OcrWord> Row(double x, double y, params string[] words)
    {
        foreach (var word in words)
        {
            double width = 0.008 * word.Length;
            yield return OcrResultFactory.Word(word, x, y, width, RowHeight);
            x += width + 0.008;
        }
    }

    /// <summary>
    /// An invoice page: a three-row address block (left column) beside two one-row blocks (right
    /// column); a block whose phrase "Total amount due" runs across two rows; a stamp word the
    /// content lacks; a part whose content has two spaces where the words have one; a part in
    /// composed accents whose word is decomposed; and a footer part no word spells.
    /// </summary>
    public static OcrPage Invoice()
    {
        var words = new List<OcrWord>();
        words.AddRange(Row(0.06, 0.10, "Shipper:"));
        words.AddRange(Row(0.06, 0.10 + RowStep, "GLOBAL", "FREIGHT", "LTD"));
        words.AddRange(Row(0.06, 0.10 + (2 * RowStep), "123", "OCEAN", "DRIVE"));
        words.AddRange(Row(0.60, 0.10, "INVOICE", "42"));
        words.AddRange(Row(0.60, 0.10 + RowStep, "Date:", "2025-07-03"));
        words.AddRange(Row(0.06, 0.30, "Total", "amount"));
        words.AddRange(Row(0.06, 0.30 + RowStep, "due:", "1,250.00", "EUR"));
        words.AddRange(Row(0.80, 0.30 + RowStep, "PAID"));                  // a stamp: not in the content
        words.AddRange(Row(0.06, 0.50, "Cafe\u0301", "Ærøskøbing"));         // decomposed é
        var content = string.Join("\n",
            "Shipper: GLOBAL FREIGHT LTD 123 OCEAN DRIVE",
            "INVOICE  42",                                                    // two spaces
            "Date: 2025-07-03",
            "Total amount due: 1,250.00 EUR",
            "Caf\u00e9 Ærøskøbing",                                           // composed é
            "Page 1 of 1");                                                   // no word spells it
        return new OcrPage { Words = words, Content = content };
    }

    /// <summary>Every word of the page, block by block: each block's words in order.</summary>
    public static List<OcrWord> WordsByBlock(OcrPage page) => page.Blocks.SelectMany(b => b.Words).ToList();

    /// <summary>Every word of the page, line by line.</summary>
    public static List<OcrWord> WordsByLine(OcrPage page) => page.Lines.SelectMany(l => l.Words).ToList();
}
