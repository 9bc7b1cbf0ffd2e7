using System.IO;
using System.Threading;
using System.Threading.Tasks;
using System.Xml;

namespace Mindee.Ocr;

/// <summary>
/// What the XML exports share: the document written page by page into a pooled buffer that is
/// copied to the destination after each page, and integers written without allocating.
/// </summary>
internal abstract class PagedXmlExport
{
    private readonly char[] _digits = new char[16];

    protected XmlWriter Xml { get; private set; } = null!;

    public async Task RunAsync(OcrInference inference, Stream destination, OcrExportOptions options, CancellationToken cancellationToken)
    {
        using var buffer = new ExportBuffer();
        using (Xml = XmlWriter.Create(buffer, ExportXml.Settings))
        {
            Xml.WriteStartDocument();
            WriteHead(inference);
            foreach (var page in inference.Result.Pages)
            {
                cancellationToken.ThrowIfCancellationRequested();
                WritePage(page, options.ImageOf(page.Number));
                Xml.Flush();
                await buffer.DrainAsync(destination, cancellationToken).ConfigureAwait(false);
            }

            Xml.WriteEndDocument(); // closes every element still open
        }

        await buffer.DrainAsync(destination, cancellationToken).ConfigureAwait(false);
        await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Everything before the first page, leaving open the element pages go in.</summary>
    protected abstract void WriteHead(OcrInference inference);

    protected abstract void WritePage(OcrPage page, OcrPageImage image);

    /// <summary>An id attribute such as <c>block_2_7</c> (page 2, number 7), or <c>page_2</c> when <paramref name="number"/> is 0.</summary>
    protected void Id(string attribute, string prefix, int page, int number)
    {
        Xml.WriteStartAttribute(attribute);
        Xml.WriteString(prefix);
        Number(page);
        if (number > 0)
        {
            Xml.WriteString("_");
            Number(number);
        }

        Xml.WriteEndAttribute();
    }

    protected void Number(int value) => Xml.WriteChars(_digits, 0, ExportText.Format(value, _digits));
}
