using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Mindee.Ocr;

/// <summary>The plain-text and TSV exports, written page by page.</summary>
internal static class TextExports
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Every page's content, pages separated by a form feed.</summary>
    public static async Task WriteTextAsync(OcrInference inference, Stream destination, CancellationToken cancellationToken)
    {
        using var buffer = new ExportBuffer();
        using (var writer = new StreamWriter(buffer, Utf8, 4096, leaveOpen: true))
        {
            var pages = inference.Result.Pages;
            for (int i = 0; i < pages.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (i > 0)
                {
                    writer.Write('\f');
                }

                writer.Write(pages[i].Content);
                writer.Flush();
                await buffer.DrainAsync(destination, cancellationToken).ConfigureAwait(false);
            }
        }

        await buffer.DrainAsync(destination, cancellationToken).ConfigureAwait(false);
        await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Tesseract's 12 columns. Levels 1 (page), 2 (block), 4 (line) and 5 (word); each block is one
    /// paragraph (<c>par_num</c> 1). The service gives no confidence: words hold 100 (so filters on
    /// <c>conf</c> keep them), the other rows -1, as Tesseract writes them.
    /// </summary>
    public static async Task WriteTsvAsync(OcrInference inference, Stream destination, OcrExportOptions options, CancellationToken cancellationToken)
    {
        using var buffer = new ExportBuffer();
        using (var writer = new StreamWriter(buffer, Utf8, 4096, leaveOpen: true))
        {
            var row = new TsvRow(writer);
            writer.Write("level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n");
            foreach (var page in inference.Result.Pages)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var image = options.ImageOf(page.Number);
                row.Write(1, page.Number, 0, 0, 0, 0, PixelBox.Page(image), -1, string.Empty);
                int blockNumber = 0;
                foreach (var block in page.Blocks)
                {
                    blockNumber++;
                    row.Write(2, page.Number, blockNumber, 0, 0, 0, PixelBox.Of(block.BoundingBox, image), -1, string.Empty);
                    int lineNumber = 0;
                    foreach (var line in block.Lines)
                    {
                        lineNumber++;
                        var lineBox = PixelBox.Of(line.BoundingBox, image);
                        row.Write(4, page.Number, blockNumber, 1, lineNumber, 0, lineBox, -1, string.Empty);
                        int wordNumber = 0;
                        foreach (var word in line.Words)
                        {
                            var box = TextGeometry.BoxOf(word) is { } b ? PixelBox.Of(b, image) : lineBox;
                            row.Write(5, page.Number, blockNumber, 1, lineNumber, ++wordNumber, box, 100, ExportText.ForTsv(word.Content));
                        }
                    }
                }

                writer.Flush();
                await buffer.DrainAsync(destination, cancellationToken).ConfigureAwait(false);
            }
        }

        await buffer.DrainAsync(destination, cancellationToken).ConfigureAwait(false);
        await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private sealed class TsvRow(StreamWriter writer)
    {
        private readonly char[] _digits = new char[16];

        public void Write(int level, int page, int block, int paragraph, int line, int word, PixelBox box, int confidence, string text)
        {
            Number(level);
            Number(page);
            Number(block);
            Number(paragraph);
            Number(line);
            Number(word);
            Number(box.Left);
            Number(box.Top);
            Number(box.Width);
            Number(box.Height);
            Number(confidence);
            writer.Write(text);
            writer.Write('\n');
        }

        private void Number(int value)
        {
            writer.Write(_digits, 0, ExportText.Format(value, _digits));
            writer.Write('\t');
        }
    }
}
