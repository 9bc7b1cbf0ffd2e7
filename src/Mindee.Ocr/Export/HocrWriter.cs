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
internal sealed class HocrWriter
{
    private const string Xhtml = "http://www.w3.org/1999/xhtml";
    private readonly char[] _digits = new char[16];
    private XmlWriter _xml = null!;

    public static Task WriteAsync(OcrInference inference, Stream destination, OcrExportOptions options, CancellationToken cancellationToken) =>
        new HocrWriter().RunAsync(inference, destination, options, cancellationToken);

    private async Task RunAsync(OcrInference inference, Stream destination, OcrExportOptions options, CancellationToken cancellationToken)
    {
        using var buffer = new ExportBuffer();
        using (_xml = XmlWriter.Create(buffer, ExportXml.Settings))
        {
            _xml.WriteStartDocument();
            _xml.WriteStartElement("html", Xhtml);
            _xml.WriteAttributeString("xml", "lang", null, "en");
            _xml.WriteAttributeString("lang", "en");
            _xml.WriteStartElement("head");
            _xml.WriteElementString("title", ExportText.ForXml(inference.File.Name));
            Meta("http-equiv", "Content-Type", "text/html;charset=utf-8");
            Meta("name", "ocr-system", ExportXml.Software);
            Meta("name", "ocr-capabilities", "ocr_page ocr_carea ocr_par ocr_line ocrx_word");
            Meta("name", "ocr-number-of-pages", inference.Result.Pages.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            _xml.WriteEndElement();
            _xml.WriteStartElement("body");
            foreach (var page in inference.Result.Pages)
            {
                cancellationToken.ThrowIfCancellationRequested();
                WritePage(page, options.ImageOf(page.Number));
                _xml.Flush();
                await buffer.DrainAsync(destination, cancellationToken).ConfigureAwait(false);
            }

            _xml.WriteEndElement();
            _xml.WriteEndElement();
            _xml.WriteEndDocument();
        }

        await buffer.DrainAsync(destination, cancellationToken).ConfigureAwait(false);
        await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private void Meta(string kind, string name, string content)
    {
        _xml.WriteStartElement("meta");
        _xml.WriteAttributeString(kind, name);
        _xml.WriteAttributeString("content", content);
        _xml.WriteEndElement();
    }

    private void WritePage(OcrPage page, OcrPageImage image)
    {
        int p = page.Number;
        _xml.WriteStartElement("div");
        _xml.WriteAttributeString("class", "ocr_page");
        Id("page_", p, 0);
        _xml.WriteStartAttribute("title");
        if (image.FileName is not null)
        {
            _xml.WriteString("image \"");
            _xml.WriteString(ExportText.ForXml(image.FileName.Replace("\\", "\\\\").Replace("\"", "\\\"")));
            _xml.WriteString("\"; ");
        }

        Box(PixelBox.Page(image));
        _xml.WriteString("; ppageno ");
        Number(p - 1);
        _xml.WriteString("; scan_res ");
        Number(image.Dpi);
        _xml.WriteString(" ");
        Number(image.Dpi);
        _xml.WriteEndAttribute();

        int blockNumber = 0, lineNumber = 0, wordNumber = 0;
        foreach (var block in page.Blocks)
        {
            blockNumber++;
            var blockBox = PixelBox.Of(block.BoundingBox, image);
            _xml.WriteStartElement("div");
            _xml.WriteAttributeString("class", "ocr_carea");
            Id("block_", p, blockNumber);
            Title(blockBox);
            _xml.WriteStartElement("p");
            _xml.WriteAttributeString("class", "ocr_par");
            Id("par_", p, blockNumber);
            Title(blockBox);
            foreach (var line in block.Lines)
            {
                lineNumber++;
                var lineBox = PixelBox.Of(line.BoundingBox, image);
                _xml.WriteStartElement("span");
                _xml.WriteAttributeString("class", "ocr_line");
                Id("line_", p, lineNumber);
                _xml.WriteStartAttribute("title");
                Box(lineBox);
                _xml.WriteString("; baseline 0 0");
                _xml.WriteEndAttribute();
                foreach (var word in line.Words)
                {
                    wordNumber++;
                    _xml.WriteStartElement("span");
                    _xml.WriteAttributeString("class", "ocrx_word");
                    Id("word_", p, wordNumber);
                    Title(TextGeometry.BoxOf(word) is { } box ? PixelBox.Of(box, image) : lineBox);
                    _xml.WriteString(ExportText.ForXml(word.Content));
                    _xml.WriteEndElement();
                }

                _xml.WriteEndElement();
            }

            _xml.WriteEndElement();
            _xml.WriteEndElement();
        }

        _xml.WriteEndElement();
    }

    private void Id(string prefix, int page, int number)
    {
        _xml.WriteStartAttribute("id");
        _xml.WriteString(prefix);
        Number(page);
        if (number > 0)
        {
            _xml.WriteString("_");
            Number(number);
        }

        _xml.WriteEndAttribute();
    }

    private void Title(PixelBox box)
    {
        _xml.WriteStartAttribute("title");
        Box(box);
        _xml.WriteEndAttribute();
    }

    private void Box(PixelBox box)
    {
        _xml.WriteString("bbox ");
        Number(box.Left);
        _xml.WriteString(" ");
        Number(box.Top);
        _xml.WriteString(" ");
        Number(box.Right);
        _xml.WriteString(" ");
        Number(box.Bottom);
    }

    private void Number(int value) => _xml.WriteChars(_digits, 0, ExportText.Format(value, _digits));
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
