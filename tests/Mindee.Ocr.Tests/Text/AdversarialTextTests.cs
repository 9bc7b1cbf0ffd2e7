using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using System.Xml;
using Mindee.Ocr.Testing;
using Xunit;

namespace Mindee.Ocr.Tests.Text;

/// <summary>
/// Pages built to break the text features: odd white space and Unicode, repeated and reordered
/// words, disagreeing content, degenerate geometry, culture-aware search, and exports of empty or
/// hostile results. What must hold: no exception but documented argument exceptions; every word in
/// exactly one block and one line; blocks joined by <c>\n</c> give the content where the two agree;
/// exports are well-formed XML with whole-pixel boxes inside the page and each word once.
/// </summary>
public class AdversarialTextTests
{
    private const int PageWidth = 2480;
    private const int PageHeight = 3508;

    public static TheoryData<string> Cases => new(HostilePages.Keys);

    private static readonly Dictionary<string, Func<OcrPage>> HostilePages = new()
    {
        ["crlf"] = () => Page("Shipper: GLOBAL\r\nTotal due", ["Shipper:", "GLOBAL"], ["Total", "due"]),
        ["tabs"] = () => Page("Name:\tJohn\tSmith\nCity:\t\tParis", ["Name:", "John", "Smith"], ["City:", "Paris"]),
        ["nbsp"] = () => Page("1\u00a0250,00\u00a0EUR\nnet", ["1", "250,00", "EUR"], ["net"]),
        ["word with a space"] = () => Page("New York City\nUSA", ["New York", "City"], ["USA"]),
        ["emoji"] = () => Page("Paid \U0001F600 thanks \U0001F44D\U0001F3FD\nok", ["Paid", "\U0001F600", "thanks", "\U0001F44D\U0001F3FD"], ["ok"]),
        ["lone surrogate"] = () => Page("bad \ud800 text\nok", ["bad", "\ud800", "text"], ["ok"]),
        ["combining marks"] = () => Page("Cafe\u0301 Zoë\nA\u030a", ["Caf\u00e9", "Zoe\u0308"], ["\u00c5"]),
        ["ligatures"] = () => Page("\ufb01nance of\ufb01ce\n\ufb02ow", ["finance", "office"], ["flow"]),
        ["repeated word"] = () => Page(string.Join(" ", Enumerable.Repeat("a", 500)) + "\nend", Enumerable.Repeat("a", 500).ToArray(), ["end"]),
        ["whitespace content"] = () => Page(" \n\t\r\n \u00a0 ", ["Total", "due"], ["42"]),
        ["one word"] = () => Page("Hello", ["Hello"]),
        ["one word, no content"] = () => Page(string.Empty, ["Hello"]),
        ["out of order"] = () => Page("alpha beta gamma delta\nepsilon zeta", ["zeta", "epsilon"], ["delta", "gamma", "beta", "alpha"]),
        ["duplicated part"] = () => Page("Total\nTotal\nTotal", ["Total"]),
        ["empty words"] = () => Page("a b\nc", ["a", string.Empty, "b"], [" ", "c"]),
        ["control characters"] = () => Page("nul\u0000 bell\u0007\nff\u000c \uffff", ["nul\u0000", "bell\u0007"], ["ff\u000c", "\uffff"]),
        ["very long word"] = () => Page(new string('x', 100_000) + "\nend", [new string('x', 100_000)], ["end"]),
        ["words the content lacks"] = () => Page("zzz", ["alpha", "beta"], ["gamma"]),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_word_is_in_exactly_one_block_and_one_line(string name)
    {
        var page = HostilePages[name]();

        AssertPartition(page);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Exports_stay_well_formed_with_each_word_once(string name)
    {
        var inference = OcrResultFactory.Inference([HostilePages[name](), HostilePages[name]()], fileName: "hostile \u0001 \ud800.pdf");

        await AssertExportsHold(inference);
    }

    [Theory]
    [InlineData("crlf")]
    [InlineData("tabs")]
    [InlineData("nbsp")]
    [InlineData("word with a space")]
    [InlineData("emoji")]
    [InlineData("lone surrogate")]
    [InlineData("combining marks")]
    [InlineData("ligatures")]
    [InlineData("control characters")]
    [InlineData("very long word")]
    [InlineData("one word")]
    public void Blocks_joined_by_newlines_give_back_content_the_words_agree_with(string name)
    {
        var page = HostilePages[name]();

        Assert.Equal(page.Content, string.Join("\n", page.Blocks.Select(b => b.Content)));
        Assert.Equal(page.Content.Count(c => c == '\n') + 1, page.Blocks.Count);
    }

    [Fact]
    public void A_repeated_word_keeps_each_occurrence_in_its_own_place()
    {
        var page = HostilePages["repeated word"]();

        Assert.Equal(2, page.Blocks.Count);
        Assert.Equal(500, page.Blocks[0].Words.Count);
        Assert.Equal(["end"], page.Blocks[1].Words.Select(w => w.Content));
        Assert.Equal(250, page.Find("a a").Count);
    }

    [Fact]
    public void Thousands_of_words_in_one_part_and_in_many_parts_are_all_placed()
    {
        // 4,000 words: 400 rows of 10, in four columns of 100 rows, read column after column.
        var rows = Enumerable.Range(0, 400).Select(r => Enumerable.Range(0, 10).Select(i => $"w{r}x{i}").ToArray()).ToArray();
        var words = new List<OcrWord>();
        for (int r = 0; r < rows.Length; r++)
        {
            for (int i = 0; i < 10; i++)
            {
                words.Add(OcrResultFactory.Word(rows[r][i], 0.01 + ((r / 100) * 0.25) + (i * 0.023), 0.01 + ((r % 100) * 0.009), 0.02, 0.006));
            }
        }

        var onePart = new OcrPage { Words = words, Content = string.Join(" ", rows.SelectMany(r => r)) };
        var manyParts = new OcrPage { Words = words, Content = string.Join("\n", rows.Select(r => string.Join(" ", r))) };

        AssertPartition(onePart);
        AssertPartition(manyParts);
        Assert.Single(onePart.Blocks);
        Assert.Equal(rows.Select(r => string.Join(" ", r)), onePart.Lines.Select(l => l.Content));
        Assert.Equal(400, manyParts.Blocks.Count);
        Assert.Equal("w399x8 w399x9", Assert.Single(manyParts.Find("w399x8 w399x9")).Text);
        Assert.Equal("w99x9 w100x0", Assert.Single(onePart.Find("w99x9 w100x0")).Text);
    }

    [Fact]
    public void Words_out_of_content_order_fall_back_to_geometry_in_reading_order()
    {
        var page = HostilePages["out of order"]();

        // The content spells too few of the words in their order: rows come from the geometry, one block each.
        Assert.Equal(["zeta epsilon", "delta gamma beta alpha"], page.Blocks.Select(b => b.Content));
        Assert.Equal(page.Blocks.Select(b => b.Content), page.Lines.Select(l => l.Content));
    }

    [Fact]
    public void A_block_whose_words_stand_in_two_columns_is_cut_into_rows_not_merged_across_columns()
    {
        // One content part; the words read down a left column then down a right one.
        var words = new List<OcrWord>();
        words.AddRange(TextPages.Row(0.05, 0.10, "Name", "Smith"));
        words.AddRange(TextPages.Row(0.05, 0.12, "City", "Paris"));
        words.AddRange(TextPages.Row(0.60, 0.10, "Total", "42"));
        words.AddRange(TextPages.Row(0.60, 0.12, "Due", "now"));
        var page = new OcrPage { Words = words, Content = "Name Smith City Paris Total 42 Due now" };

        AssertPartition(page);
        var block = Assert.Single(page.Blocks);
        Assert.Equal(["Name Smith", "City Paris", "Total 42", "Due now"], block.Lines.Select(l => l.Content));
    }

    [Fact]
    public async Task Degenerate_polygons_give_boxes_inside_the_page_and_no_exception()
    {
        var words = new List<OcrWord>
        {
            OcrResultFactory.Word("flat", 0.1, 0.1, 0.1, 0),                                        // no height
            OcrResultFactory.Word("dot", 0.3, 0.1, 0, 0),                                           // a point
            new() { Content = "nan", Polygon = new Polygon(new Point(double.NaN, 0.1), new Point(0.5, double.NaN), new Point(double.NaN, double.NaN)) },
            new() { Content = "inf", Polygon = new Polygon(new Point(double.NegativeInfinity, 0.1), new Point(double.PositiveInfinity, 0.2)) },
            OcrResultFactory.Word("outside", -0.5, 1.2, 2, 0.5),                                   // off the page
            new() { Content = "nowhere", Polygon = new Polygon() },                                  // no points
            new() { Content = "backwards", Polygon = new Polygon(new Point(0.9, 0.9), new Point(0.8, 0.8)) },
        };
        var content = string.Join(" ", words.Select(w => w.Content));
        var withContent = new OcrPage { Words = words, Content = content };
        var geometric = new OcrPage { Words = words, Content = string.Empty };

        AssertPartition(withContent);
        AssertPartition(geometric);
        Assert.Equal(content, Assert.Single(withContent.Blocks).Content);
        Assert.Empty(withContent.WordsIn(new BoundingBox(double.NaN, 0, 1, 1)));
        Assert.Contains(withContent.Words[0], withContent.WordsIn(new BoundingBox(0, 0, 1, 1)));
        Assert.Equal("nan", Assert.Single(withContent.Find("nan")).Text);
        await AssertExportsHold(OcrResultFactory.Inference([withContent, geometric]), json: false);
    }

    [Fact]
    public async Task Json_export_of_a_coordinate_json_cannot_hold_is_refused_up_front_with_an_argument_exception()
    {
        var page = new OcrPage { Words = [new OcrWord { Content = "nan", Polygon = new Polygon(new Point(double.NaN, 0.1)) }], Content = "nan" };
        using var stream = new MemoryStream();

        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => OcrExport.WriteAsync(OcrResultFactory.Inference([page]), stream, OcrExportFormat.Json, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal("inference", error.ParamName);
        Assert.Equal(0, stream.Length);
    }

    [Fact]
    public void Culture_aware_search_finds_across_words_and_measures_what_it_matched()
    {
        var page = Page("Straße nach Zürich\nTOTAL AMOUNT DUE 42", ["Straße", "nach", "Zu\u0308rich"], ["TOTAL", "AMOUNT", "DUE", "42"]);
        using var culture = new CultureScope("de-DE");

        var total = Assert.Single(page.Find("total amount\tdue", StringComparison.CurrentCultureIgnoreCase));
        Assert.Equal("TOTAL AMOUNT DUE", total.Text);
        Assert.Equal(3, total.Words.Count);

        // The word holds a decomposed ü: a culture comparison finds the composed one, and the match is the whole word.
        var zurich = Assert.Single(page.Find("nach Z\u00fcrich", StringComparison.InvariantCulture));
        Assert.Equal("nach Zu\u0308rich", zurich.Text);
        Assert.Equal(["nach", "Zu\u0308rich"], zurich.Words.Select(w => w.Content));
        Assert.Empty(page.Find("nach Z\u00fcrich", StringComparison.Ordinal));
        Assert.Single(page.Find("straße NACH", StringComparison.InvariantCultureIgnoreCase));
    }

    [Theory]
    [InlineData("\u00ad")]         // a soft hyphen: ignorable, it matches nothing rather than everything
    [InlineData("\u200b\u00ad")]   // a zero-width space and a soft hyphen
    public void A_text_a_culture_comparison_ignores_entirely_finds_nothing(string text)
    {
        var page = Page("Total amount due\n42", ["Total", "amount", "due"], ["42"]);

        Assert.Empty(page.Find(text, StringComparison.InvariantCulture));
        Assert.Empty(page.Find(text, StringComparison.CurrentCultureIgnoreCase));
        Assert.Empty(OcrResultFactory.Inference([page]).Result.Find(text, StringComparison.InvariantCultureIgnoreCase));
    }

    [Fact]
    public void An_unknown_comparison_is_an_argument_exception_even_on_a_page_without_words()
    {
        var empty = new OcrPage { Words = [], Content = string.Empty };
        var page = Page("Total", ["Total"]);

        Assert.Equal("comparison", Assert.Throws<ArgumentException>(() => empty.Find("x", (StringComparison)42)).ParamName);
        Assert.Equal("comparison", Assert.Throws<ArgumentException>(() => page.Find("x", (StringComparison)42)).ParamName);
        Assert.Equal("comparison", Assert.Throws<ArgumentException>(() => OcrResultFactory.Inference([page]).Result.Find("x", (StringComparison)42)).ParamName);
    }

    [Fact]
    public void A_regex_matches_across_the_space_between_words_and_rows_of_a_block_never_across_blocks()
    {
        var words = new List<OcrWord>();
        words.AddRange(TextPages.Row(0.05, 0.10, "Total", "amount"));
        words.AddRange(TextPages.Row(0.05, 0.12, "due:", "42"));
        words.AddRange(TextPages.Row(0.05, 0.30, "EUR"));
        var page = new OcrPage { Words = words, Content = "Total amount due: 42\nEUR" };

        var match = Assert.Single(page.Find(new Regex(@"amount\s+due:\s*\d+")));
        Assert.Equal("amount due: 42", match.Text);
        Assert.Equal(["amount", "due:", "42"], match.Words.Select(w => w.Content));
        Assert.Empty(page.Find(new Regex(@"42\sEUR")));
        Assert.Equal(["Total", "amount"], page.Find(new Regex(@"\s")).Select(m => m.Words.Single().Content).Take(2));
        Assert.Empty(page.Find(new Regex("x*")));
    }

    [Fact]
    public async Task Exports_of_no_pages_and_of_a_page_without_words_are_well_formed()
    {
        var none = OcrResultFactory.Inference([]);
        var empty = OcrResultFactory.Inference([new OcrPage { Words = [], Content = string.Empty }, new OcrPage { Words = [], Content = "content without words" }]);

        await AssertExportsHold(none);
        await AssertExportsHold(empty);
        Assert.Equal(string.Empty, none.Result.Text);
        Assert.Empty(none.Result.Find("x"));
        Assert.Empty(empty.Result.Pages[1].Blocks);
        Assert.Equal(string.Empty, empty.Result.Pages[1].TextIn(new BoundingBox(0, 0, 1, 1)));
    }

    [Fact]
    public async Task Fewer_page_images_than_pages_gives_the_rest_the_default_size()
    {
        var inference = OcrResultFactory.FromPages("one", "two", "three");
        var options = new OcrExportOptions { PageImages = [new OcrPageImage { Width = 100, Height = 200 }] };

        var hocr = await AssertExportsHold(inference, options: options);

        var pages = hocr.Where(e => e.Class == "ocr_page").Select(e => e.Attributes["title"]).ToList();
        Assert.Equal(3, pages.Count);
        Assert.StartsWith("bbox 0 0 100 200;", pages[0], StringComparison.Ordinal);
        Assert.All(pages.Skip(1), t => Assert.StartsWith("bbox 0 0 2480 3508;", t, StringComparison.Ordinal));
    }

    // ---- Helpers ----

    /// <summary>A page whose content is <paramref name="content"/> and whose words stand row by row.</summary>
    private static OcrPage Page(string content, params string[][] rows)
    {
        var words = new List<OcrWord>();
        for (int r = 0; r < rows.Length; r++)
        {
            // Many rows run off the bottom: wrap them into columns so the geometry stays on the page.
            double y = 0.02 + ((r % 45) * TextPages.RowStep);
            double x = 0.02 + ((r / 45) * 0.1);
            words.AddRange(TextPages.Row(x, y, rows[r]).Select(w => w.Content.Length > 50 ? OcrResultFactory.Word(w.Content, x, y, 0.5, TextPages.RowHeight) : w));
        }

        return new OcrPage { Words = words, Content = content };
    }

    /// <summary>Every word (by reference) once in the blocks and once in the lines; lines are their blocks' rows.</summary>
    private static void AssertPartition(OcrPage page)
    {
        var expected = Counts(page.Words);
        Assert.Equal(expected, Counts(page.Blocks.SelectMany(b => b.Words)));
        Assert.Equal(expected, Counts(page.Lines.SelectMany(l => l.Words)));
        Assert.Equal(page.Lines, page.Blocks.SelectMany(b => b.Lines));
        Assert.All(page.Blocks, b => Assert.Equal(b.Words, b.Lines.SelectMany(l => l.Words)));
        Assert.All(page.Blocks, b => Assert.NotEmpty(b.Words));
        Assert.All(page.Lines, l => Assert.NotEmpty(l.Words));
    }

    private static Dictionary<OcrWord, int> Counts(IEnumerable<OcrWord> words)
    {
        var counts = new Dictionary<OcrWord, int>(ReferenceEqualityComparer.Instance);
        foreach (var word in words)
        {
            counts[word] = counts.GetValueOrDefault(word) + 1;
        }

        return counts;
    }

    /// <summary>Writes every format; reads hOCR and ALTO with a default XmlReader and TSV as tab-separated rows; returns the hOCR elements.</summary>
    private static async Task<List<XmlElement>> AssertExportsHold(OcrInference inference, OcrExportOptions? options = null, bool json = true)
    {
        var pages = inference.Result.Pages;
        int wordCount = pages.Sum(p => p.Words.Count);
        var sizes = pages.Select(p => p.Number - 1 < (options?.PageImages.Count ?? 0) ? options!.PageImages[p.Number - 1] : OcrPageImage.A4At300Dpi).ToList();

        var hocr = XmlElement.Read(await Export(inference, OcrExportFormat.Hocr, options));
        var hocrWords = hocr.Where(e => e.Class == "ocrx_word").ToList();
        Assert.Equal(wordCount, hocrWords.Count);
        Assert.Equal(pages.SelectMany(p => p.Lines.SelectMany(l => l.Words)).Select(w => Expected(w.Content)), hocrWords.Select(w => w.Text.Trim()));
        foreach (var element in hocr.Where(e => e.Class is not null))
        {
            var page = sizes[PageOf(hocr, element)];
            var box = Regex.Match(element.Attributes["title"], @"(?:^|; )bbox (\d+) (\d+) (\d+) (\d+)(?:;|$)");
            Assert.True(box.Success, $"no integer bbox in \"{element.Attributes["title"]}\"");
            int[] b = [.. box.Groups.Cast<Group>().Skip(1).Select(g => int.Parse(g.Value, CultureInfo.InvariantCulture))];
            Assert.True(b[0] <= b[2] && b[1] <= b[3] && b[2] <= page.Width && b[3] <= page.Height, $"{element.Class} {string.Join(' ', b)} on a {page}");
        }

        var alto = XmlElement.Read(await Export(inference, OcrExportFormat.Alto, options));
        var strings = alto.Where(e => e.Name == "String").ToList();
        Assert.Equal(wordCount, strings.Count);
        Assert.Equal(pages.SelectMany(p => p.Lines.SelectMany(l => l.Words)).Select(w => Expected(w.Content)), strings.Select(s => s.Attributes["CONTENT"].Trim()));
        foreach (var element in alto.Where(e => e.Attributes.ContainsKey("HEIGHT") && e.Name != "Page"))
        {
            var page = sizes[PageOf(alto, element)];
            int h = Int(element, "HPOS"), v = Int(element, "VPOS"), w = Int(element, "WIDTH"), height = Int(element, "HEIGHT");
            Assert.True(h + w <= page.Width && v + height <= page.Height, $"{element.Name} {h},{v} {w}×{height} on a {page}");
        }

        var tsv = Encoding.UTF8.GetString(await Export(inference, OcrExportFormat.Tsv, options)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(r => r.Split('\t')).ToList();
        Assert.All(tsv, r => Assert.Equal(12, r.Length));
        Assert.Equal(wordCount, tsv.Count(r => r[0] == "5"));
        Assert.All(tsv, r => Assert.Equal(r[0] == "5" ? "100" : "-1", r[10]));
        Assert.All(tsv, r => Assert.True(r.Skip(6).Take(4).All(c => int.TryParse(c, NumberStyles.None, CultureInfo.InvariantCulture, out _)), string.Join('\t', r)));

        // UTF-8 holds no lone surrogate: the encoder writes U+FFFD for one.
        Assert.Equal(Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(inference.Result.Text)), Encoding.UTF8.GetString(await Export(inference, OcrExportFormat.Text, options)));
        if (json)
        {
            var back = MindeeOcrJson.DeserializeInference(await Export(inference, OcrExportFormat.Json, options));
            Assert.Equal(pages.Select(p => p.Blocks.Count), back.Result.Pages.Select(p => p.Blocks.Count));
        }

        return hocr;
    }

    /// <summary>A word as the XML exports write it: what XML cannot hold replaced by U+FFFD; white space at the ends is not compared.</summary>
    private static string Expected(string word)
    {
        var text = new StringBuilder();
        for (int i = 0; i < word.Length; i++)
        {
            if (char.IsHighSurrogate(word[i]) && i + 1 < word.Length && char.IsLowSurrogate(word[i + 1]))
            {
                text.Append(word, i++, 2);
            }
            else
            {
                text.Append(XmlConvert.IsXmlChar(word[i]) ? word[i] : '\uFFFD');
            }
        }

        return text.ToString().Trim();
    }

    private static int PageOf(List<XmlElement> elements, XmlElement element)
    {
        var page = element.Name is "Page" || element.Class == "ocr_page" ? element : element.Ancestors.First(a => a.Name == "Page" || a.Class == "ocr_page");
        return elements.Where(e => e.Name == page.Name && e.Class == page.Class).ToList().IndexOf(page);
    }

    private static int Int(XmlElement element, string name) => int.Parse(element.Attributes[name], NumberStyles.None, CultureInfo.InvariantCulture);

    private static async Task<byte[]> Export(OcrInference inference, OcrExportFormat format, OcrExportOptions? options)
    {
        using var stream = new MemoryStream();
        await OcrExport.WriteAsync(inference, stream, format, options, TestContext.Current.CancellationToken);
        return stream.ToArray();
    }

    private sealed class CultureScope : IDisposable
    {
        private readonly CultureInfo _before = CultureInfo.CurrentCulture;

        public CultureScope(string name) => CultureInfo.CurrentCulture = new CultureInfo(name);

        public void Dispose() => CultureInfo.CurrentCulture = _before;
    }
}
