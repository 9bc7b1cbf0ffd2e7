using System;
using System.IO;
using System.Threading.Tasks;
using Mindee.Ocr.Harness;
using Mindee.Ocr.Pdf;
using Mindee.Ocr.Tests.TestSupport;
using Xunit;

namespace Mindee.Ocr.Tests;

/// <summary>PdfPages.CountAsync reads the page count and nothing else; PageSelection checks its own arguments.</summary>
public sealed class PdfPageCountTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mindee-ocr-pdf-count-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_file_s_pages_are_counted_and_the_file_is_closed_and_unchanged()
    {
        var pdf = TestPdfs.Numbered(7);
        var path = Path.Combine(_folder, "seven.pdf");
        await File.WriteAllBytesAsync(path, pdf, TestContext.Current.CancellationToken);

        Assert.Equal(7, await PdfPages.CountAsync(OcrInput.FromFile(path), TestContext.Current.CancellationToken));

        Assert.Equal(pdf, await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken));
        using var exclusive = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        Assert.True(exclusive.CanWrite);
    }

    [Fact]
    public async Task Bytes_are_counted()
    {
        Assert.Equal(1, await PdfPages.CountAsync(OcrInput.FromBytes(TestPdfs.Numbered(1), "one.pdf"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_seekable_stream_is_put_back_where_it_was_and_not_disposed()
    {
        var stream = new MemoryStream([.. "junk"u8.ToArray(), .. TestPdfs.Numbered(3)]) { Position = 4 };

        Assert.Equal(3, await PdfPages.CountAsync(OcrInput.FromStream(stream, "three.pdf"), TestContext.Current.CancellationToken));

        Assert.Equal(4, stream.Position);
        Assert.True(stream.CanRead);
    }

    [Fact]
    public async Task A_forward_only_stream_is_counted_and_not_disposed()
    {
        var stream = new ForwardOnlyStream(new MemoryStream(TestPdfs.Numbered(12)));

        Assert.Equal(12, await PdfPages.CountAsync(OcrInput.FromStream(stream, "pipe.pdf"), TestContext.Current.CancellationToken));
        Assert.False(stream.WasDisposed);
    }

    [Fact]
    public async Task A_selected_input_counts_its_selected_pages()
    {
        var input = OcrInput.FromBytes(TestPdfs.Numbered(9), "nine.pdf").WithPages(PageSelection.Keep(1, -1));

        Assert.Equal(2, await PdfPages.CountAsync(input, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Counting_a_non_pdf_an_encrypted_or_a_damaged_pdf_says_why()
    {
        var token = TestContext.Current.CancellationToken;
        var image = await Assert.ThrowsAsync<ArgumentException>(() => PdfPages.CountAsync(OcrInput.FromBytes(Documents.Jpeg(), "scan.jpg"), token));
        var locked = await Assert.ThrowsAsync<ArgumentException>(() => PdfPages.CountAsync(OcrInput.FromBytes(TestPdfs.Encrypted(), "locked.pdf"), token));
        var broken = await Assert.ThrowsAsync<ArgumentException>(() => PdfPages.CountAsync(OcrInput.FromBytes((byte[])[.. "%PDF-1.4\n"u8.ToArray(), 1, 2, 3], "broken.pdf"), token));

        Assert.Contains("\"scan.jpg\" is not a PDF", image.Message, StringComparison.Ordinal);
        Assert.Contains("\"locked.pdf\" is an encrypted PDF", locked.Message, StringComparison.Ordinal);
        Assert.Contains("\"broken.pdf\" is a PDF too damaged to read", broken.Message, StringComparison.Ordinal);
        Assert.Equal("input", image.ParamName);
    }

    [Fact]
    public async Task A_url_cannot_be_counted()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => PdfPages.CountAsync(OcrInput.FromUrl(new Uri("https://example.com/a.pdf")), TestContext.Current.CancellationToken));

        Assert.StartsWith("Url is a Url input: only a file, a stream or bytes can be read before they are sent.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Selections_check_their_arguments()
    {
        Assert.Equal("pages", Assert.Throws<ArgumentException>(() => PageSelection.Keep()).ParamName);
        Assert.Contains("Page 0 does not exist", Assert.Throws<ArgumentException>(() => PageSelection.Remove(1, 0)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => PageSelection.Keep(null!));
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => PageSelection.First(0)).ParamName);
        Assert.Equal("pages", Assert.Throws<ArgumentOutOfRangeException>(() => PageSelection.First(1).WhenPageCountAtLeast(0)).ParamName);
        Assert.Throws<ArgumentNullException>(() => OcrInput.FromBytes(TestPdfs.Numbered(1), "a.pdf").WithPages(null!));
    }

    [Fact]
    public void A_selection_is_a_copy_of_its_pages_and_reads_well()
    {
        int[] pages = [1, -1];
        var selection = PageSelection.Keep(pages);
        pages[0] = 2;

        Assert.Equal("pages 1, -1", selection.ToString());
        Assert.Equal("the first 3 pages, when the document has at least 10 pages", PageSelection.First(3).WhenPageCountAtLeast(10).ToString());
        Assert.Equal("every page but 2", PageSelection.Remove(2).ToString());
    }
}
