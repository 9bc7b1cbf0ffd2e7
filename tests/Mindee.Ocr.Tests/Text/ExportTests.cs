using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Mindee.Ocr.Testing;
using Mindee.Ocr.Tests.TestSupport;
using Xunit;

namespace Mindee.Ocr.Tests.Text;

public class ExportTests
{
    private const string XhtmlNs = "http://www.w3.org/1999/xhtml";
    private const string AltoNs = "http://www.loc.gov/standards/alto/ns-v4#";

    private static readonly OcrInference Invoice = OcrResultFactory.Inference(
        [TextPages.Invoice(), OcrResultFactory.Page("Second page\nwith <tags> & \"quotes\"\nand a \u0001control character")], fileName: "invoice \"2025\".pdf");

    public static TheoryData<string> Results => new() { "invoice", "fixture" };

    private static OcrInference ResultNamed(string name) => name == "invoice"
        ? Invoice
        : MindeeOcrJson.DeserializeInference(Fixture.Bytes("result-3-pages.json"));

    [Theory]
    [MemberData(nameof(Results))]
    public async Task Hocr_is_well_formed_xhtml_with_pages_blocks_lines_and_every_word_once(string name)
    {
        var inference = ResultNamed(name);
        var pages = inference.Result.Pages;

        var elements = XmlElement.Read(await Export(inference, OcrExportFormat.Hocr));

        Assert.All(elements, e => Assert.Equal(XhtmlNs, e.Namespace));
        Assert.Equal("Mindee.Ocr ", Meta(elements, "ocr-system")[..11]);
        Assert.Equal("ocr_page ocr_carea ocr_par ocr_line ocrx_word", Meta(elements, "ocr-capabilities"));
        Assert.Equal(pages.Count, Classed(elements, "ocr_page").Count);
        Assert.Equal(pages.Sum(p => p.Blocks.Count), Classed(elements, "ocr_carea").Count);
        Assert.Equal(pages.Sum(p => p.Blocks.Count), Classed(elements, "ocr_par").Count);
        Assert.Equal(pages.Sum(p => p.Lines.Count), Classed(elements, "ocr_line").Count);
        var words = Classed(elements, "ocrx_word");
        Assert.Equal(pages.SelectMany(p => p.Lines).SelectMany(l => l.Words).Select(w => Clean(w.Content)), words.Select(w => w.Text));

        // Nesting: words in lines in paragraphs in content areas in pages.
        Assert.All(words, w => Assert.Equal(["ocr_line", "ocr_par", "ocr_carea", "ocr_page"], w.Ancestors.Where(a => a.Class is not null).Select(a => a.Class)));
        Assert.Equal(Enumerable.Range(0, pages.Count).Select(p => $"ppageno {p}"), Classed(elements, "ocr_page").Select(p => Property(p.Title, "ppageno")));

        // Properties: "name value; name value", boxes of four integers inside the page.
        foreach (var element in elements.Where(e => e.Class is not null))
        {
            Assert.Matches(@"^[a-z_]+ [^;]+(; [a-z_]+ [^;]+)*$", element.Title);
            var box = Box(element.Title);
            Assert.True(box[0] <= box[2] && box[1] <= box[3], $"{element.Title}: corners out of order");
            Assert.True(box[0] >= 0 && box[1] >= 0 && box[2] <= 2480 && box[3] <= 3508, $"{element.Title}: outside the A4 page");
        }
    }

    [Fact]
    public async Task Hocr_uses_each_pages_pixel_size_and_image_name()
    {
        var options = new OcrExportOptions { PageImages = [new OcrPageImage { Width = 1000, Height = 2000, Dpi = 150, FileName = "scan \"1\".png" }] };

        var elements = XmlElement.Read(await Export(Invoice, OcrExportFormat.Hocr, options));

        var pages = Classed(elements, "ocr_page");
        Assert.Equal("image \"scan \\\"1\\\".png\"; bbox 0 0 1000 2000; ppageno 0; scan_res 150 150", pages[0].Title);
        Assert.Equal("bbox 0 0 2480 3508; ppageno 1; scan_res 300 300", pages[1].Title);

        // "INVOICE" starts at x 0.6 and y 0.1: pixels 600 and 200 on a 1000 x 2000 page.
        var invoice = Classed(elements, "ocrx_word").First(w => w.Text == "INVOICE");
        Assert.Equal([600, 200], Box(invoice.Title)[..2]);
    }

    [Theory]
    [MemberData(nameof(Results))]
    public async Task Alto_is_version_4_in_pixels_with_blocks_lines_and_every_word_once(string name)
    {
        var inference = ResultNamed(name);
        var pages = inference.Result.Pages;

        var elements = XmlElement.Read(await Export(inference, OcrExportFormat.Alto));

        Assert.Equal("alto", elements[0].Name);
        Assert.All(elements, e => Assert.Equal(AltoNs, e.Namespace));
        Assert.Equal("pixel", elements.Single(e => e.Name == "MeasurementUnit").Text);
        Assert.Equal(pages.Count, elements.Count(e => e.Name == "Page"));
        Assert.Equal(pages.Count, elements.Count(e => e.Name == "PrintSpace"));
        Assert.Equal(pages.Sum(p => p.Blocks.Count), elements.Count(e => e.Name == "TextBlock"));
        Assert.Equal(pages.Sum(p => p.Lines.Count), elements.Count(e => e.Name == "TextLine"));
        var strings = elements.Where(e => e.Name == "String").ToList();
        Assert.Equal(pages.SelectMany(p => p.Lines).SelectMany(l => l.Words).Select(w => Clean(w.Content)), strings.Select(s => s.Attributes["CONTENT"]));
        Assert.All(strings, s => Assert.Equal(["TextLine", "TextBlock", "PrintSpace", "Page", "Layout", "alto"], s.Ancestors.Select(a => a.Name)));
        Assert.Equal(pages.Sum(p => p.Lines.Sum(l => l.Words.Count - 1)), elements.Count(e => e.Name == "SP"));

        foreach (var element in elements.Where(e => e.Attributes.ContainsKey("HPOS")))
        {
            int h = Int(element, "HPOS"), v = Int(element, "VPOS");
            Assert.True(h >= 0 && v >= 0 && h <= 2480 && v <= 3508, $"{element.Name} at {h},{v} is outside the page");
            if (element.Attributes.ContainsKey("HEIGHT"))
            {
                Assert.True(h + Int(element, "WIDTH") <= 2480 && v + Int(element, "HEIGHT") <= 3508, $"{element.Name} runs off the page");
            }
        }

        var ids = elements.Where(e => e.Attributes.ContainsKey("ID")).Select(e => e.Attributes["ID"]).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Results))]
    public async Task Tsv_has_tesseracts_twelve_columns_and_a_row_per_page_block_line_and_word(string name)
    {
        var inference = ResultNamed(name);
        var pages = inference.Result.Pages;

        var text = Encoding.UTF8.GetString(await Export(inference, OcrExportFormat.Tsv));

        var rows = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(r => r.Split('\t')).ToList();
        Assert.Equal(["level", "page_num", "block_num", "par_num", "line_num", "word_num", "left", "top", "width", "height", "conf", "text"], rows[0]);
        Assert.All(rows, r => Assert.Equal(12, r.Length));
        var body = rows.Skip(1).ToList();
        Assert.Equal(pages.Count, body.Count(r => r[0] == "1"));
        Assert.Equal(pages.Sum(p => p.Blocks.Count), body.Count(r => r[0] == "2"));
        Assert.Equal(pages.Sum(p => p.Lines.Count), body.Count(r => r[0] == "4"));
        var words = body.Where(r => r[0] == "5").ToList();
        Assert.Equal(pages.SelectMany(p => p.Lines).SelectMany(l => l.Words).Select(w => w.Content), words.Select(r => r[11]));
        Assert.All(words, r => Assert.Equal("100", r[10]));
        Assert.All(body.Where(r => r[0] != "5"), r => Assert.Equal("-1", r[10]));
        Assert.All(body, r => Assert.True(r.Skip(1).Take(9).All(c => int.Parse(c, CultureInfo.InvariantCulture) >= 0)));
        Assert.All(body, r => Assert.True(int.Parse(r[6], CultureInfo.InvariantCulture) + int.Parse(r[8], CultureInfo.InvariantCulture) <= 2480));
    }

    [Fact]
    public async Task Text_is_utf8_pages_separated_by_form_feeds_and_json_reads_back_equal()
    {
        var text = await Export(Invoice, OcrExportFormat.Text);
        var json = await Export(Invoice, OcrExportFormat.Json);

        Assert.NotEqual(0xEF, text[0]); // no byte-order mark
        Assert.Equal(Invoice.Result.Text, Encoding.UTF8.GetString(text));
        Assert.Equal(Invoice, MindeeOcrJson.DeserializeInference(json));
    }

    [Fact]
    public async Task Bad_arguments_are_refused_before_anything_is_written()
    {
        using var readOnly = new MemoryStream([], writable: false);

        await Assert.ThrowsAsync<ArgumentNullException>("inference", () => OcrExport.WriteAsync(null!, Stream.Null, OcrExportFormat.Text, cancellationToken: TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<ArgumentNullException>("destination", () => OcrExport.WriteAsync(Invoice, null!, OcrExportFormat.Text, cancellationToken: TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<ArgumentException>("destination", () => OcrExport.WriteAsync(Invoice, readOnly, OcrExportFormat.Text, cancellationToken: TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>("format", () => OcrExport.WriteAsync(Invoice, Stream.Null, (OcrExportFormat)42, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Throws<ArgumentOutOfRangeException>("Width", () => new OcrPageImage { Width = 0, Height = 10 });
        Assert.Equal([".txt", ".tsv", ".hocr", ".xml", ".json"], Enum.GetValues<OcrExportFormat>().Select(OcrExport.FileExtension));
    }

    [Fact]
    public async Task Exports_reach_the_destination_page_by_page()
    {
        var many = OcrResultFactory.Inference(Enumerable.Range(1, 20).Select(i => OcrResultFactory.Page($"Page {i}\n" + string.Join(" ", Enumerable.Repeat("word", 300)))).ToList());
        foreach (var format in new[] { OcrExportFormat.Text, OcrExportFormat.Tsv, OcrExportFormat.Hocr, OcrExportFormat.Alto })
        {
            var destination = new CountingStream();

            await OcrExport.WriteAsync(many, destination, format, cancellationToken: TestContext.Current.CancellationToken);

            Assert.True(destination.Writes >= 20, $"{format}: {destination.Writes} writes for 20 pages");
            Assert.True(destination.LargestWrite * 10 < destination.Length, $"{format}: one write of {destination.LargestWrite} bytes out of {destination.Length}");
        }
    }

    private static async Task<byte[]> Export(OcrInference inference, OcrExportFormat format, OcrExportOptions? options = null)
    {
        using var stream = new MemoryStream();
        await OcrExport.WriteAsync(inference, stream, format, options, TestContext.Current.CancellationToken);
        return stream.ToArray();
    }

    private static string Clean(string text) => text.Replace('\u0001', '\uFFFD');

    private static string Meta(List<XmlElement> elements, string name) =>
        elements.Single(e => e.Name == "meta" && e.Attributes.GetValueOrDefault("name") == name).Attributes["content"];

    private static List<XmlElement> Classed(List<XmlElement> elements, string cssClass) => elements.Where(e => e.Class == cssClass).ToList();

    private static string? Property(string title, string name) => title.Split("; ").FirstOrDefault(p => p.StartsWith(name + " ", StringComparison.Ordinal));

    private static int[] Box(string title) =>
        Property(title, "bbox")!.Split(' ').Skip(1).Select(n => int.Parse(n, NumberStyles.None, CultureInfo.InvariantCulture)).ToArray();

    private static int Int(XmlElement element, string name) => int.Parse(element.Attributes[name], NumberStyles.None, CultureInfo.InvariantCulture);

    private sealed class CountingStream : Stream
    {
        public int Writes { get; private set; }

        public int LargestWrite { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => Position;

        public override long Position { get; set; }

        public override void Write(byte[] buffer, int offset, int count) => Count(count);

        public override Task WriteAsync(byte[] buffer, int offset, int count, System.Threading.CancellationToken cancellationToken)
        {
            Count(count);
            return Task.CompletedTask;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, System.Threading.CancellationToken cancellationToken = default)
        {
            Count(buffer.Length);
            return default;
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        private void Count(int count)
        {
            Writes++;
            LargestWrite = Math.Max(LargestWrite, count);
            Position += count;
        }
    }
}
