using System.IO;
using System.Threading;
using System.Threading.Tasks;
using System.Xml;

namespace Mindee.Ocr;

/// <summary>
/// ALTO v4: <c>Description</c> (pixel measurement unit, source file, software), then per page a
/// <c>Page</c> with one <c>PrintSpace</c>, a <c>TextBlock</c> per block, a <c>TextLine</c> per
/// visual line, and a <c>String</c> per word with <c>SP</c> spaces between them.
/// </summary>
internal sealed class AltoWriter
{
    private const string Alto = "http://www.loc.gov/standards/alto/ns-v4#";
    private const string Xsi = "http://www.w3.org/2001/XMLSchema-instance";
    private readonly char[] _digits = new char[16];
    private XmlWriter _xml = null!;

    public static Task WriteAsync(OcrInference inference, Stream destination, OcrExportOptions options, CancellationToken cancellationToken) =>
        new AltoWriter().RunAsync(inference, destination, options, cancellationToken);

    private async Task RunAsync(OcrInference inference, Stream destination, OcrExportOptions options, CancellationToken cancellationToken)
    {
        using var buffer = new ExportBuffer();
        using (_xml = XmlWriter.Create(buffer, ExportXml.Settings))
        {
            _xml.WriteStartDocument();
            _xml.WriteStartElement("alto", Alto);
            _xml.WriteAttributeString("xmlns", "xsi", null, Xsi);
            _xml.WriteAttributeString("schemaLocation", Xsi, Alto + " http://www.loc.gov/alto/v4/alto-4-4.xsd");
            _xml.WriteStartElement("Description");
            _xml.WriteElementString("MeasurementUnit", "pixel");
            _xml.WriteStartElement("sourceImageInformation");
            _xml.WriteElementString("fileName", ExportText.ForXml(inference.File.Name));
            _xml.WriteEndElement();
            _xml.WriteStartElement("Processing");
            _xml.WriteAttributeString("ID", "processing_1");
            _xml.WriteStartElement("processingSoftware");
            _xml.WriteElementString("softwareName", "Mindee.Ocr");
            _xml.WriteElementString("softwareVersion", ExportXml.Software.Substring("Mindee.Ocr ".Length));
            _xml.WriteEndElement();
            _xml.WriteEndElement();
            _xml.WriteEndElement();
            _xml.WriteStartElement("Layout");
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

    private void WritePage(OcrPage page, OcrPageImage image)
    {
        int p = page.Number;
        var pageBox = PixelBox.Page(image);
        _xml.WriteStartElement("Page");
        Id("page_", p, 0);
        Attribute("PHYSICAL_IMG_NR", p);
        Attribute("WIDTH", image.Width);
        Attribute("HEIGHT", image.Height);
        _xml.WriteStartElement("PrintSpace");
        Id("printspace_", p, 0);
        Position(pageBox);

        int blockNumber = 0, lineNumber = 0, wordNumber = 0;
        foreach (var block in page.Blocks)
        {
            _xml.WriteStartElement("TextBlock");
            Id("block_", p, ++blockNumber);
            Position(PixelBox.Of(block.BoundingBox, image));
            foreach (var line in block.Lines)
            {
                var lineBox = PixelBox.Of(line.BoundingBox, image);
                _xml.WriteStartElement("TextLine");
                Id("line_", p, ++lineNumber);
                Position(lineBox);
                PixelBox? previous = null;
                foreach (var word in line.Words)
                {
                    var box = TextGeometry.BoxOf(word) is { } b ? PixelBox.Of(b, image) : lineBox;
                    if (previous is { } before)
                    {
                        _xml.WriteStartElement("SP");
                        Attribute("WIDTH", System.Math.Max(0, box.Left - before.Right));
                        Attribute("HPOS", System.Math.Min(before.Right, box.Left));
                        Attribute("VPOS", before.Top);
                        _xml.WriteEndElement();
                    }

                    _xml.WriteStartElement("String");
                    Id("string_", p, ++wordNumber);
                    Position(box);
                    _xml.WriteAttributeString("CONTENT", ExportText.ForXml(word.Content));
                    _xml.WriteEndElement();
                    previous = box;
                }

                _xml.WriteEndElement();
            }

            _xml.WriteEndElement();
        }

        _xml.WriteEndElement();
        _xml.WriteEndElement();
    }

    private void Position(PixelBox box)
    {
        Attribute("HPOS", box.Left);
        Attribute("VPOS", box.Top);
        Attribute("WIDTH", box.Width);
        Attribute("HEIGHT", box.Height);
    }

    private void Id(string prefix, int page, int number)
    {
        _xml.WriteStartAttribute("ID");
        _xml.WriteString(prefix);
        Number(page);
        if (number > 0)
        {
            _xml.WriteString("_");
            Number(number);
        }

        _xml.WriteEndAttribute();
    }

    private void Attribute(string name, int value)
    {
        _xml.WriteStartAttribute(name);
        Number(value);
        _xml.WriteEndAttribute();
    }

    private void Number(int value) => _xml.WriteChars(_digits, 0, ExportText.Format(value, _digits));
}
