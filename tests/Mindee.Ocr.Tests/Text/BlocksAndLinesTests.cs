using System;
using System.Collections.Generic;
using System.Linq;
using Mindee.Ocr.Testing;
using Mindee.Ocr.Tests.TestSupport;
using Xunit;

namespace Mindee.Ocr.Tests.Text;

public class BlocksAndLinesTests
{
    [Fact]
    public void Blocks_are_the_content_parts_with_the_runs_of_words_that_spell_them()
    {
        var page = TextPages.Invoice();

        Assert.Equal(
            ["Shipper: GLOBAL FREIGHT LTD 123 OCEAN DRIVE", "INVOICE  42", "Date: 2025-07-03", "Total amount due: 1,250.00 EUR", "Caf\u00e9 Ærøskøbing"],
            page.Blocks.Select(b => b.Content));
        Assert.Equal(["Shipper:", "GLOBAL", "FREIGHT", "LTD", "123", "OCEAN", "DRIVE"], page.Blocks[0].Words.Select(w => w.Content));
        Assert.Equal(["INVOICE", "42"], page.Blocks[1].Words.Select(w => w.Content));
    }

    [Fact]
    public void A_block_of_three_rows_has_three_lines_with_the_contents_stretch_each()
    {
        var block = TextPages.Invoice().Blocks[0];

        Assert.Equal(["Shipper:", "GLOBAL FREIGHT LTD", "123 OCEAN DRIVE"], block.Lines.Select(l => l.Content));
        Assert.Equal(3, block.Lines[2].Words.Count);
        Assert.Equal(block.Words, block.Lines.SelectMany(l => l.Words));
    }

    [Fact]
    public void A_line_keeps_the_contents_spacing_where_it_differs_from_the_words()
    {
        var page = TextPages.Invoice();

        Assert.Equal("INVOICE  42", page.Blocks[1].Lines.Single().Content);
    }

    [Fact]
    public void A_word_the_content_lacks_joins_the_block_and_row_of_the_word_before_it()
    {
        var total = TextPages.Invoice().Blocks[3];

        Assert.Equal(["Total", "amount", "due:", "1,250.00", "EUR", "PAID"], total.Words.Select(w => w.Content));
        Assert.Equal("Total amount due: 1,250.00 EUR", total.Content);
        Assert.Equal(2, total.Lines.Count);
        Assert.Equal(["due:", "1,250.00", "EUR", "PAID"], total.Lines[1].Words.Select(w => w.Content));
        Assert.Equal("due: 1,250.00 EUR PAID", total.Lines[1].Content);
    }

    [Fact]
    public void Composed_and_decomposed_accents_match()
    {
        var block = TextPages.Invoice().Blocks[4];

        Assert.Equal(2, block.Words.Count);
        Assert.Equal("Caf\u00e9 Ærøskøbing", block.Lines.Single().Content);
    }

    [Fact]
    public void Content_no_word_spells_has_no_block_and_the_rest_of_the_content_is_reproduced()
    {
        var page = TextPages.Invoice();

        Assert.Equal(page.Content[..page.Content.LastIndexOf('\n')], string.Join("\n", page.Blocks.Select(b => b.Content)));
    }

    [Fact]
    public void Every_word_is_in_exactly_one_block_and_one_line_in_reading_order()
    {
        var page = TextPages.Invoice();

        Assert.Equal(page.Words, TextPages.WordsByBlock(page));
        Assert.Equal(page.Words, TextPages.WordsByLine(page));
        Assert.Equal(page.Lines, page.Blocks.SelectMany(b => b.Lines));
    }

    [Fact]
    public void Boxes_and_polygons_cover_their_words()
    {
        var block = TextPages.Invoice().Blocks[0];

        var box = block.BoundingBox;
        Assert.Equal(0.06, box.MinX, 12);
        Assert.Equal(0.10, box.MinY, 12);
        Assert.Equal(0.10 + (2 * TextPages.RowStep) + TextPages.RowHeight, box.MaxY, 12);
        foreach (var word in block.Words)
        {
            var w = word.Polygon.BoundingBox;
            Assert.True(w.MinX >= box.MinX && w.MaxX <= box.MaxX && w.MinY >= box.MinY && w.MaxY <= box.MaxY, $"{word} is outside {box}");
        }

        Assert.Equal([new Point(box.MinX, box.MinY), new Point(box.MaxX, box.MinY), new Point(box.MaxX, box.MaxY), new Point(box.MinX, box.MaxY)], block.Polygon);
        Assert.Equal(block.Lines[1].BoundingBox, block.Lines[1].Polygon.BoundingBox);
    }

    [Fact]
    public void Pages_are_numbered_from_one_by_their_position()
    {
        var result = OcrResultFactory.FromPages("one", "two", "three").Result;

        Assert.Equal([1, 2, 3], result.Pages.Select(p => p.Number));
        Assert.Equal(1, OcrResultFactory.Page("alone").Number);
        var reordered = new OcrResult { Pages = [result.Pages[2], result.Pages[0]] };
        Assert.Equal([1, 2], reordered.Pages.Select(p => p.Number));
        Assert.Equal("three", reordered.Pages[0].Content);
        Assert.StartsWith("Page 2 of 1 word", result.Pages[1].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Text_is_every_pages_content_separated_by_form_feeds()
    {
        var result = OcrResultFactory.FromPages("first page\nline two", "second", "third").Result;

        Assert.Equal("first page\nline two\fsecond\fthird", result.Text);
        Assert.Same(result.Text, result.Text);
    }

    [Fact]
    public void Blocks_and_lines_are_computed_once_and_survive_a_json_round_trip()
    {
        var inference = OcrResultFactory.Inference([TextPages.Invoice(), OcrResultFactory.Page("second page\nwith two lines")]);
        var page = inference.Result.Pages[0];
        Assert.Same(page.Blocks, page.Blocks);
        Assert.Same(page.Lines, page.Lines);

        var again = MindeeOcrJson.DeserializeInference(MindeeOcrJson.SerializeToUtf8Bytes(inference));

        Assert.Equal(inference, again);
        for (int i = 0; i < inference.Result.Pages.Count; i++)
        {
            Assert.Equal(inference.Result.Pages[i].Blocks, again.Result.Pages[i].Blocks);
            Assert.Equal(inference.Result.Pages[i].Lines, again.Result.Pages[i].Lines);
            Assert.Equal(i + 1, again.Result.Pages[i].Number);
        }
    }

    [Fact]
    public void A_changed_copy_of_a_page_gets_its_own_blocks()
    {
        var page = TextPages.Invoice();
        _ = page.Blocks;

        var changed = page with { Content = "Shipper: GLOBAL FREIGHT LTD 123 OCEAN DRIVE INVOICE 42 Date: 2025-07-03 Total amount due: 1,250.00 EUR Caf\u00e9 Ærøskøbing" };

        Assert.Single(changed.Blocks);
        Assert.Equal(page.Words, changed.Blocks[0].Words);
        Assert.Equal(5, page.Blocks.Count);
        Assert.NotEqual(page, changed);
    }

    [Fact]
    public void Empty_content_falls_back_to_lines_from_geometry_without_merging_columns()
    {
        var words = new List<OcrWord>();
        words.AddRange(TextPages.Row(0.06, 0.10, "left", "column", "one"));
        words.AddRange(TextPages.Row(0.60, 0.101, "right", "column", "one"));
        words.AddRange(TextPages.Row(0.06, 0.10 + TextPages.RowStep, "left", "column", "two"));
        words.AddRange(TextPages.Row(0.60, 0.10 + TextPages.RowStep, "right", "column", "two"));
        var shuffled = words.OrderBy(w => w.Content.Length).ThenBy(w => w.Polygon[0].X).ToList(); // not in reading order
        var page = new OcrPage { Words = shuffled, Content = string.Empty };

        Assert.Equal(["left column one", "right column one", "left column two", "right column two"], page.Lines.Select(l => l.Content));
        Assert.Equal(page.Lines.Select(l => l.Content), page.Blocks.Select(b => b.Content));
        Assert.All(page.Blocks, b => Assert.Single(b.Lines));
        Assert.Equal(words.OrderBy(w => w.Content).ThenBy(w => w.Polygon[0].X).ThenBy(w => w.Polygon[0].Y), TextPages.WordsByLine(page).OrderBy(w => w.Content).ThenBy(w => w.Polygon[0].X).ThenBy(w => w.Polygon[0].Y));
    }

    [Fact]
    public void Content_that_disagrees_with_the_words_beyond_repair_falls_back_to_geometry()
    {
        var words = TextPages.Row(0.06, 0.1, "alpha", "beta").Concat(TextPages.Row(0.06, 0.2, "gamma")).ToList();
        var page = new OcrPage { Words = words, Content = "something else entirely\nnothing alike" };

        Assert.Equal(["alpha beta", "gamma"], page.Blocks.Select(b => b.Content));
        Assert.Equal(words, TextPages.WordsByLine(page));
    }

    [Fact]
    public void Words_without_a_polygon_still_land_in_one_block_and_one_line()
    {
        var words = TextPages.Row(0.06, 0.1, "with", "box").Append(new OcrWord { Content = "nobox", Polygon = new Polygon() }).ToList();

        var matched = new OcrPage { Words = words, Content = "with box nobox" };
        var fallback = new OcrPage { Words = words, Content = string.Empty };

        Assert.Equal(words, TextPages.WordsByLine(matched));
        Assert.Equal("with box nobox", matched.Lines.Single().Content);
        Assert.Equal(words, TextPages.WordsByLine(fallback));
    }

    [Fact]
    public void A_page_without_words_has_no_blocks_and_no_lines()
    {
        var page = new OcrPage { Words = [], Content = "text but no words" };

        Assert.Empty(page.Blocks);
        Assert.Empty(page.Lines);
    }

    [Fact]
    public void The_services_three_page_result_is_covered_word_for_word()
    {
        var result = MindeeOcrJson.DeserializeInference(Fixture.Bytes("result-3-pages.json")).Result;

        foreach (var page in result.Pages)
        {
            Assert.Equal(page.Words, TextPages.WordsByBlock(page));
            Assert.Equal(page.Words, TextPages.WordsByLine(page));
            Assert.Equal(page.Content, string.Join("\n", page.Blocks.Select(b => b.Content)));
            Assert.All(page.Lines, line => Assert.Equal(line.Content, string.Join(" ", line.Words.Select(w => w.Content))));
        }
    }

    [Fact]
    public void Generated_pages_of_any_text_reproduce_their_content_and_place_every_word_once()
    {
        var random = new Random(20251129);
        string[] vocabulary = ["Total", "due:", "1,250.00", "EUR", "café", "Ærø", "a", "1", "INVOICE", "—", "x"];
        for (int run = 0; run < 200; run++)
        {
            var lines = Enumerable.Range(0, random.Next(1, 8))
                .Select(_ => string.Join(" ", Enumerable.Range(0, random.Next(1, 9)).Select(_ => vocabulary[random.Next(vocabulary.Length)])));
            var page = OcrResultFactory.Page(string.Join("\n", lines));

            Assert.Equal(page.Content, string.Join("\n", page.Blocks.Select(b => b.Content)));
            Assert.Equal(page.Words, TextPages.WordsByLine(page));
            Assert.All(page.Blocks, b => Assert.Single(b.Lines));
        }
    }
}
