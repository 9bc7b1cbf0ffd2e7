using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using System.Xml;

namespace Mindee.Ocr;

/// <summary>
/// hOCR 1.2: an XHTML document with an <c>ocr_page</c> per page, an <c>ocr_carea</c> holding one
/// <c>ocr_par</c> per block, an <c>ocr_line</c> per visual line and an <c>ocrx_word</c> per word,
/// each with an integer pixel <c>bbox</c>. No DOCTYPE: XML readers refuse DTDs by default.
/// </summary>
internal sealed class HocrWriter : PagedXmlExport
{
    private const string Xhtml = "http://www.w3.org/1999/xhtml";

    public static Task WriteAsync(OcrInference inference, Stream destination, OcrExportOptions options, CancellationToken cancellationToken) =>
        new HocrWriter().RunAsync(inference, destination, options, cancellationToken);

    protected override void WriteHead(OcrInference inference)
    {
        Xml.WriteStartElement("html", Xhtml);
        Xml.WriteAttributeString("xml", "lang", null, "en");
        Xml.WriteAttributeString("lang", "en");
        Xml.WriteStartElement("head");
        Xml.WriteElementString("title", ExportText.ForXml(inference.File.Name));
        Meta("http-equiv", "Content-Type", "text/html;charset=utf-8");
        Meta("name", "ocr-system", ExportXml.Software);
        Meta("name", "ocr-capabilities", "ocr_page ocr_carea ocr_par ocr_line ocrx_word");
        Meta("name", "ocr-number-of-pages", inference.Result.Pages.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Xml.WriteEndElement();
        Xml.WriteStartElement("body");
    }

    private void Meta(string kind, string name, string content)
    {
        Xml.WriteStartElement("meta");
        Xml.WriteAttributeString(kind, name);
        Xml.WriteAttributeString("content", content);
        Xml.WriteEndElement();
    }

    protected override void WritePage(OcrPage page, OcrPageImage image)
    {
        int p = page.Number;
        Xml.WriteStartElement("div");
        Xml.WriteAttributeString("class", "ocr_page");
        Id("id", "page_", p, 0);
        Xml.WriteStartAttribute("title");
        if (image.FileName is not null)
        {
            Xml.WriteString("image \"");
            Xml.WriteString(ExportText.ForXml(image.FileName.Replace("\\", "\\\\").Replace("\"", "\\\"")));
            Xml.WriteString("\"; ");
        }

        Box(PixelBox.Page(image));
        Xml.WriteString("; ppageno ");
        Number(p - 1);
        Xml.WriteString("; scan_res ");
        Number(image.Dpi);
        Xml.WriteString(" ");
        Number(image.Dpi);
        Xml.WriteEndAttribute();

        int blockNumber = 0, lineNumber = 0, wordNumber = 0;
        foreach (var block in page.Blocks)
        {
            blockNumber++;
            var blockBox = PixelBox.Of(block.BoundingBox, image);
            Xml.WriteStartElement("div");
            Xml.WriteAttributeString("class", "ocr_carea");
            Id("id", "block_", p, blockNumber);
            Title(blockBox);
            Xml.WriteStartElement("p");
            Xml.WriteAttributeString("class", "ocr_par");
            Id("id", "par_", p, blockNumber);
            Title(blockBox);
            foreach (var line in block.Lines)
            {
                lineNumber++;
                var lineBox = PixelBox.Of(line.BoundingBox, image);
                Xml.WriteStartElement("span");
                Xml.WriteAttributeString("class", "ocr_line");
                Id("id", "line_", p, lineNumber);
                Xml.WriteStartAttribute("title");
                Box(lineBox);
                Xml.WriteString("; baseline 0 0");
                Xml.WriteEndAttribute();
                foreach (var word in line.Words)
                {
                    wordNumber++;
                    Xml.WriteStartElement("span");
                    Xml.WriteAttributeString("class", "ocrx_word");
                    Id("id", "word_", p, wordNumber);
                    Title(TextGeometry.BoxOf(word) is { } box ? PixelBox.Of(box, image) : lineBox);
                    Xml.WriteString(ExportText.ForXml(word.Content));
                    Xml.WriteEndElement();
                }

                Xml.WriteEndElement();
            }

            Xml.WriteEndElement();
            Xml.WriteEndElement();
        }

        Xml.WriteEndElement();
    }


    private void Title(PixelBox box)
    {
        Xml.WriteStartAttribute("title");
        Box(box);
        Xml.WriteEndAttribute();
    }

    private void Box(PixelBox box)
    {
        Xml.WriteString("bbox ");
        Number(box.Left);
        Xml.WriteString(" ");
        Number(box.Top);
        Xml.WriteString(" ");
        Number(box.Right);
        Xml.WriteString(" ");
        Number(box.Bottom);
    }

}

/// <summary>What the XML exports share: writer settings and the software's name.</summary>
internal static class ExportXml
{
    public static XmlWriterSettings Settings { get; } = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = true,
        IndentChars = " ",
        CloseOutput = false,
        CheckCharacters = true,
    };

    public static string Software { get; } = "Mindee.Ocr " + UserAgentVersion();

    private static string UserAgentVersion()
    {
        var version = typeof(ExportXml).Assembly.GetName().Version;
        return version is null ? "0" : $"{version.Major}.{version.Minor}.{version.Build}";
    }
}
