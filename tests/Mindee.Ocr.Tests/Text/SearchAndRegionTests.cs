using System;
using System.Linq;
using System.Text.RegularExpressions;
using Mindee.Ocr.Testing;
using Xunit;

namespace Mindee.Ocr.Tests.Text;

public class SearchAndRegionTests
{
    [Fact]
    public void A_phrase_is_found_across_words_and_rows_with_the_words_that_hold_it()
    {
        var page = TextPages.Invoice();

        var match = Assert.Single(page.Find("Total amount due"));

        Assert.Equal("Total amount due", match.Text);
        Assert.Equal(["Total", "amount", "due:"], match.Words.Select(w => w.Content));
        Assert.Equal(1, match.PageNumber);
        var rows = page.Blocks[3].Lines;
        Assert.Equal(TextGeometry(rows[0].BoundingBox, rows[1].Words[0].Polygon.BoundingBox), match.BoundingBox);
    }

    [Fact]
    public void White_space_in_the_query_matches_the_space_between_words_and_case_can_be_ignored()
    {
        var page = TextPages.Invoice();

        Assert.Single(page.Find("  amount \t due "));
        Assert.Empty(page.Find("TOTAL AMOUNT"));
        Assert.Equal("Total amount", Assert.Single(page.Find("TOTAL AMOUNT", StringComparison.OrdinalIgnoreCase)).Text);
    }

    [Fact]
    public void A_match_inside_a_word_returns_that_word_and_matches_do_not_span_blocks()
    {
        var page = TextPages.Invoice();

        var part = Assert.Single(page.Find("REIGH"));
        Assert.Equal("FREIGHT", Assert.Single(part.Words).Content);
        Assert.Empty(page.Find("DRIVE INVOICE")); // two blocks
    }

    [Fact]
    public void A_regex_finds_every_match_with_its_words()
    {
        var page = TextPages.Invoice();

        var amount = Assert.Single(page.Find(new Regex(@"\d{1,3}(,\d{3})*\.\d{2}")));
        Assert.Equal("1,250.00", amount.Text);
        Assert.Equal(["2025-07-03"], page.Find(new Regex(@"\d{4}-\d{2}-\d{2}")).Select(m => m.Text));
        Assert.DoesNotContain(page.Find(new Regex("x*")), m => m.Text.Length == 0);
    }

    [Fact]
    public void A_result_finds_on_every_page_with_page_numbers()
    {
        var result = OcrResultFactory.FromPages("Invoice 1\nTotal due 10", "nothing here", "Total due 20").Result;

        var matches = result.Find("total due", StringComparison.OrdinalIgnoreCase);

        Assert.Equal([1, 3], matches.Select(m => m.PageNumber));
        Assert.Equal(["20"], result.Find(new Regex(@"(?<=due )\d+")).Where(m => m.PageNumber == 3).Select(m => m.Text));
    }

    [Fact]
    public void An_empty_query_is_refused()
    {
        var page = TextPages.Invoice();

        Assert.Throws<ArgumentException>("text", () => page.Find("  "));
        Assert.Throws<ArgumentNullException>("pattern", () => page.Find((Regex)null!));
    }

    [Fact]
    public void Words_in_a_region_are_those_mostly_inside_in_reading_order()
    {
        var page = TextPages.Invoice();
        var topRight = new BoundingBox(0.5, 0.0, 1.0, 0.2);

        Assert.Equal(["INVOICE", "42", "Date:", "2025-07-03"], page.WordsIn(topRight).Select(w => w.Content));
        Assert.Equal("INVOICE 42\nDate: 2025-07-03", page.TextIn(topRight));
    }

    [Fact]
    public void The_overlap_is_the_share_of_the_words_own_area()
    {
        var word = OcrResultFactory.Word("half", 0.1, 0.1, 0.2, 0.1);
        var page = new OcrPage { Words = [word], Content = "half" };
        var leftPart = new BoundingBox(0, 0, 0.16, 1); // 30% of the word's width

        Assert.Empty(page.WordsIn(leftPart));
        Assert.Single(page.WordsIn(leftPart, minOverlap: 0.25));
        Assert.Equal(string.Empty, page.TextIn(leftPart));
        Assert.Throws<ArgumentOutOfRangeException>("minOverlap", () => page.WordsIn(leftPart, 0));
        Assert.Throws<ArgumentOutOfRangeException>("minOverlap", () => page.WordsIn(leftPart, double.NaN));
    }

    private static BoundingBox TextGeometry(BoundingBox a, BoundingBox b) =>
        new(Math.Min(a.MinX, b.MinX), Math.Min(a.MinY, b.MinY), Math.Max(a.MaxX, b.MaxX), Math.Max(a.MaxY, b.MaxY));
}
