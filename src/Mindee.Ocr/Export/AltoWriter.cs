using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Mindee.Ocr;

/// <summary>
/// ALTO v4: <c>Description</c> (pixel measurement unit, source file, software), then per page a
/// <c>Page</c> with one <c>PrintSpace</c>, a <c>TextBlock</c> per block, a <c>TextLine</c> per
/// visual line, and a <c>String</c> per word with <c>SP</c> spaces between them.
/// </summary>
internal sealed class AltoWriter : PagedXmlExport
{
    private const string Alto = "http://www.loc.gov/standards/alto/ns-v4#";
    private const string Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    public static Task WriteAsync(OcrInference inference, Stream destination, OcrExportOptions options, CancellationToken cancellationToken) =>
        new AltoWriter().RunAsync(inference, destination, options, cancellationToken);

    protected override void WriteHead(OcrInference inference)
    {
        Xml.WriteStartElement("alto", Alto);
        Xml.WriteAttributeString("xmlns", "xsi", null, Xsi);
        Xml.WriteAttributeString("schemaLocation", Xsi, Alto + " http://www.loc.gov/alto/v4/alto-4-4.xsd");
        Xml.WriteStartElement("Description");
        Xml.WriteElementString("MeasurementUnit", "pixel");
        Xml.WriteStartElement("sourceImageInformation");
        Xml.WriteElementString("fileName", ExportText.ForXml(inference.File.Name));
        Xml.WriteEndElement();
        Xml.WriteStartElement("Processing");
        Xml.WriteAttributeString("ID", "processing_1");
        Xml.WriteStartElement("processingSoftware");
        Xml.WriteElementString("softwareName", "Mindee.Ocr");
        Xml.WriteElementString("softwareVersion", ExportXml.Software.Substring("Mindee.Ocr ".Length));
        Xml.WriteEndElement();
        Xml.WriteEndElement();
        Xml.WriteEndElement();
        Xml.WriteStartElement("Layout");
    }

    protected override void WritePage(OcrPage page, OcrPageImage image)
    {
        int p = page.Number;
        var pageBox = PixelBox.Page(image);
        Xml.WriteStartElement("Page");
        Id("ID", "page_", p, 0);
        Attribute("PHYSICAL_IMG_NR", p);
        Attribute("WIDTH", image.Width);
        Attribute("HEIGHT", image.Height);
        Xml.WriteStartElement("PrintSpace");
        Id("ID", "printspace_", p, 0);
        Position(pageBox);

        int blockNumber = 0, lineNumber = 0, wordNumber = 0;
        foreach (var block in page.Blocks)
        {
            Xml.WriteStartElement("TextBlock");
            Id("ID", "block_", p, ++blockNumber);
            Position(PixelBox.Of(block.BoundingBox, image));
            foreach (var line in block.Lines)
            {
                var lineBox = PixelBox.Of(line.BoundingBox, image);
                Xml.WriteStartElement("TextLine");
                Id("ID", "line_", p, ++lineNumber);
                Position(lineBox);
                PixelBox? previous = null;
                foreach (var word in line.Words)
                {
                    var box = TextGeometry.BoxOf(word) is { } b ? PixelBox.Of(b, image) : lineBox;
                    if (previous is { } before)
                    {
                        Xml.WriteStartElement("SP");
                        Attribute("WIDTH", System.Math.Max(0, box.Left - before.Right));
                        Attribute("HPOS", System.Math.Min(before.Right, box.Left));
                        Attribute("VPOS", before.Top);
                        Xml.WriteEndElement();
                    }

                    Xml.WriteStartElement("String");
                    Id("ID", "string_", p, ++wordNumber);
                    Position(box);
                    Xml.WriteAttributeString("CONTENT", ExportText.ForXml(word.Content));
                    Xml.WriteEndElement();
                    previous = box;
                }

                Xml.WriteEndElement();
            }

            Xml.WriteEndElement();
        }

        Xml.WriteEndElement();
        Xml.WriteEndElement();
    }

    private void Position(PixelBox box)
    {
        Attribute("HPOS", box.Left);
        Attribute("VPOS", box.Top);
        Attribute("WIDTH", box.Width);
        Attribute("HEIGHT", box.Height);
    }


    private void Attribute(string name, int value)
    {
        Xml.WriteStartAttribute(name);
        Number(value);
        Xml.WriteEndAttribute();
    }

}
