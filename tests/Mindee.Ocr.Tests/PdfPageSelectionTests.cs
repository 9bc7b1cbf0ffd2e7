using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using Mindee.Ocr.Harness;
using Mindee.Ocr.Pdf;
using Mindee.Ocr.Testing;
using Mindee.Ocr.Tests.TestSupport;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Types;
using Xunit;
using static Mindee.Ocr.Tests.TestSupport.MockService;

namespace Mindee.Ocr.Tests;

/// <summary>
/// WithPages sends only the selected pages: the PDF that reaches a real loopback server is read back
/// and holds the right pages in the right order; bad documents and selections fail before any request.
/// </summary>
public sealed class PdfPageSelectionTests : IDisposable
{
    private readonly MockService _service = Start();
    private readonly string _folder = Directory.CreateTempSubdirectory("mindee-ocr-pdf-tests-").FullName;
    private readonly string _temporary;
    private int _temporaryFilesDuringUpload = -1;

    public PdfPageSelectionTests()
    {
        _temporary = Directory.CreateDirectory(Path.Combine(_folder, "temporary")).FullName;
        _service.Server.Given(Request.Create().WithPath(EnqueuePath).UsingMethod("POST")).RespondWith(Response.Create().WithCallback(_ =>
        {
            // While the document is being received, the rewritten PDF is still there to stream from.
            _temporaryFilesDuringUpload = Directory.GetFiles(_temporary).Length;
            return new WireMock.ResponseMessage
            {
                StatusCode = 202,
                Headers = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new("application/json") },
                BodyData = new WireMock.Util.BodyData { BodyAsString = _service.JobJson("job-processing.json"), DetectedBodyType = WireMock.Types.BodyType.String },
            };
        }));
    }

    public void Dispose()
    {
        _service.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private string WriteFile(string name, byte[] bytes)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    internal async Task<FormPart> EnqueueAsync(OcrInput input)
    {
        // This test's temporary files go to its own folder (the setting flows into this call only).
        TemporaryFiles.FolderOverride.Value = _temporary;
        await _service.CreateClient().EnqueueAsync(input, cancellationToken: TestContext.Current.CancellationToken);
        return Multipart.Parse(Assert.Single(_service.Requests))[2];
    }

    internal async Task<int[]> SentPagesAsync(OcrInput input) => TestPdfs.PageNumbers((await EnqueueAsync(input)).Bytes);

    [Fact]
    public async Task Keeping_the_first_page_of_a_file_sends_a_one_page_pdf_and_deletes_its_temporary_file()
    {
        var original = TestPdfs.Numbered(5);
        var path = WriteFile("contract.pdf", original);

        var part = await EnqueueAsync(OcrInput.FromFile(path).WithPages(PageSelection.Keep(1)));

        Assert.Equal([1], TestPdfs.PageNumbers(part.Bytes));
        Assert.Equal(("contract.pdf", "application/pdf"), (part.FileName, part.ContentType));
        Assert.Equal(1, _temporaryFilesDuringUpload);
        Assert.Empty(Directory.GetFiles(_temporary));
        Assert.Equal(original, File.ReadAllBytes(path));
    }

    [Fact]
    public async Task Keeping_the_last_page_sends_only_it()
    {
        var pages = await SentPagesAsync(OcrInput.FromBytes(TestPdfs.Numbered(7), "long.pdf").WithPages(PageSelection.Keep(-1)));

        Assert.Equal([7], pages);
    }

    [Fact]
    public async Task Keeping_1_and_minus_2_sends_the_first_and_the_last_but_one()
    {
        var pages = await SentPagesAsync(OcrInput.FromBytes(TestPdfs.Numbered(6), "six.pdf").WithPages(PageSelection.Keep(1, -2)));

        Assert.Equal([1, 5], pages);
    }

    [Fact]
    public async Task Pages_go_in_document_order_each_once_whatever_order_they_are_named_in()
    {
        var pages = await SentPagesAsync(OcrInput.FromBytes(TestPdfs.Numbered(6), "six.pdf").WithPages(PageSelection.Keep(6, 2, -1, 4, -5)));

        Assert.Equal([2, 4, 6], pages);
    }

    [Fact]
    public async Task Removing_pages_sends_the_others()
    {
        var pages = await SentPagesAsync(OcrInput.FromBytes(TestPdfs.Numbered(6), "six.pdf").WithPages(PageSelection.Remove(1, -1, 4)));

        Assert.Equal([2, 3, 5], pages);
    }

    [Fact]
    public async Task First_sends_the_first_pages()
    {
        var pages = await SentPagesAsync(OcrInput.FromBytes(TestPdfs.Numbered(10), "ten.pdf").WithPages(PageSelection.First(3)));

        Assert.Equal([1, 2, 3], pages);
    }

    [Fact]
    public async Task First_past_the_end_sends_the_document_unchanged()
    {
        var original = TestPdfs.Numbered(2);

        var part = await EnqueueAsync(OcrInput.FromBytes(original, "two.pdf").WithPages(PageSelection.First(5)));

        Assert.Equal(original, part.Bytes);
        Assert.Equal(0, _temporaryFilesDuringUpload);
    }

    [Fact]
    public async Task Below_the_threshold_the_document_is_sent_byte_for_byte()
    {
        var original = TestPdfs.Numbered(3);
        var path = WriteFile("short.pdf", original);

        var part = await EnqueueAsync(OcrInput.FromFile(path).WithPages(PageSelection.First(1).WhenPageCountAtLeast(4)));

        Assert.Equal(original, part.Bytes);
        Assert.Equal(0, _temporaryFilesDuringUpload);
    }

    [Fact]
    public async Task At_the_threshold_the_selection_applies()
    {
        var pages = await SentPagesAsync(OcrInput.FromBytes(TestPdfs.Numbered(4), "four.pdf").WithPages(PageSelection.First(1).WhenPageCountAtLeast(4)));

        Assert.Equal([1], pages);
    }

    [Fact]
    public async Task A_seekable_stream_is_read_from_its_position_left_at_its_end_and_not_disposed()
    {
        var pdf = TestPdfs.Numbered(4);
        var stream = new MemoryStream([.. "junk"u8.ToArray(), .. pdf]) { Position = 4 };

        var pages = await SentPagesAsync(OcrInput.FromStream(stream, "scan.pdf").WithPages(PageSelection.Keep(2, 3)));

        Assert.Equal([2, 3], pages);
        Assert.True(stream.CanRead, "the caller's stream is not disposed");
        Assert.Equal(stream.Length, stream.Position);
        Assert.Empty(Directory.GetFiles(_temporary));
    }

    [Fact]
    public async Task A_forward_only_stream_works_and_is_not_disposed()
    {
        var stream = new ForwardOnlyStream(new MemoryStream(TestPdfs.Numbered(5)));

        var pages = await SentPagesAsync(OcrInput.FromStream(stream, "pipe.pdf").WithPages(PageSelection.Keep(-1, 1)));

        Assert.Equal([1, 5], pages);
        Assert.False(stream.WasDisposed);
        Assert.Equal(1, _temporaryFilesDuringUpload); // the pages written; the stream's copy was deleted once they were
        Assert.Empty(Directory.GetFiles(_temporary));
    }

    [Fact]
    public async Task A_forward_only_stream_below_the_threshold_is_sent_unchanged()
    {
        var original = TestPdfs.Numbered(2);

        var part = await EnqueueAsync(OcrInput.FromStream(new ForwardOnlyStream(new MemoryStream(original)), "pipe.pdf").WithPages(PageSelection.First(1).WhenPageCountAtLeast(3)));

        Assert.Equal(original, part.Bytes);
        Assert.Empty(Directory.GetFiles(_temporary));
    }

    [Fact]
    public async Task The_selected_input_keeps_the_original_kind_and_name_and_the_enqueue_options_name_wins()
    {
        var input = OcrInput.FromBytes(TestPdfs.Numbered(3), "statement.pdf").WithPages(PageSelection.Keep(2));
        Assert.Equal((OcrInputKind.Bytes, "statement.pdf"), (input.Kind, input.FileName));
        TemporaryFiles.FolderOverride.Value = _temporary;

        await _service.CreateClient().EnqueueAsync(input, new EnqueueOptions { FileName = "page-2.pdf" }, TestContext.Current.CancellationToken);

        var parts = Multipart.Parse(Assert.Single(_service.Requests));
        Assert.Equal("page-2.pdf", parts[2].FileName);
        Assert.Equal([2], TestPdfs.PageNumbers(parts[2].Bytes));
    }

    [Fact]
    public async Task The_large_benchmark_document_keeps_its_first_and_last_pages()
    {
        using var large = new MemoryStream();
        TestPdfs.WriteLarge(large, pages: 100, imageBytesPerPage: 20_000);

        var part = await EnqueueAsync(OcrInput.FromBytes(large.ToArray(), "large.pdf").WithPages(PageSelection.Keep(1, -1)));

        Assert.Equal([1, 100], TestPdfs.PageNumbers(part.Bytes));
        Assert.InRange(part.Bytes.Length, 40_000, 60_000);
    }

    [Fact]
    public async Task A_document_that_is_not_a_pdf_is_refused_before_any_request()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => EnqueueAsync(OcrInput.FromBytes(Documents.Png(), "photo.png").WithPages(PageSelection.First(1))));

        Assert.StartsWith("The document \"photo.png\" is not a PDF (it does not start with %PDF-)", error.Message, StringComparison.Ordinal);
        Assert.Empty(_service.Requests);
    }

    [Fact]
    public async Task A_page_past_the_end_is_refused_with_the_page_count()
    {
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => EnqueueAsync(OcrInput.FromBytes(TestPdfs.Numbered(3), "three.pdf").WithPages(PageSelection.Keep(1, 4))));

        Assert.StartsWith(
            "The document \"three.pdf\" has 3 pages; page 4 of the selection (pages 1, 4) is out of range (1 to 3, or -1 to -3 from the end). Nothing was sent.",
            error.Message,
            StringComparison.Ordinal);
        Assert.Empty(_service.Requests);
    }

    [Fact]
    public async Task A_negative_page_past_the_start_is_refused()
    {
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => EnqueueAsync(OcrInput.FromBytes(TestPdfs.Numbered(2), "two.pdf").WithPages(PageSelection.Remove(-3))));

        Assert.Contains("has 2 pages; page -3 of the selection (every page but -3) is out of range", error.Message, StringComparison.Ordinal);
        Assert.Empty(_service.Requests);
    }

    [Fact]
    public async Task A_selection_that_keeps_no_page_is_refused()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => EnqueueAsync(OcrInput.FromBytes(TestPdfs.Numbered(2), "two.pdf").WithPages(PageSelection.Remove(1, -1))));

        Assert.StartsWith("The document \"two.pdf\" has 2 pages; the selection (every page but 1, -1) keeps none of them. Nothing was sent.", error.Message, StringComparison.Ordinal);
        Assert.Empty(_service.Requests);
    }

    [Fact]
    public async Task An_encrypted_pdf_is_refused()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => EnqueueAsync(OcrInput.FromBytes(TestPdfs.Encrypted(), "locked.pdf").WithPages(PageSelection.First(1))));

        Assert.StartsWith("The document \"locked.pdf\" is an encrypted PDF that cannot be opened without its password", error.Message, StringComparison.Ordinal);
        Assert.Empty(_service.Requests);
    }

    [Fact]
    public async Task A_damaged_pdf_is_refused()
    {
        byte[] damaged = [.. "%PDF-1.7\n"u8.ToArray(), .. Documents.Zip(4000)];

        var error = await Assert.ThrowsAsync<ArgumentException>(() => EnqueueAsync(OcrInput.FromBytes(damaged, "broken.pdf").WithPages(PageSelection.First(1))));

        Assert.StartsWith("The document \"broken.pdf\" is a PDF too damaged to read (", error.Message, StringComparison.Ordinal);
        Assert.Empty(_service.Requests);
    }

    [Fact]
    public async Task A_missing_file_is_refused_at_enqueue()
    {
        var input = OcrInput.FromFile(Path.Combine(_folder, "missing.pdf")).WithPages(PageSelection.First(1));

        await Assert.ThrowsAsync<FileNotFoundException>(() => EnqueueAsync(input));
        Assert.Empty(_service.Requests);
    }

    [Fact]
    public void Base64_and_url_inputs_cannot_have_pages_selected()
    {
        var base64 = Assert.Throws<ArgumentException>(() => OcrInput.FromBase64(Convert.ToBase64String(TestPdfs.Numbered(1)), "a.pdf").WithPages(PageSelection.First(1)));
        var url = Assert.Throws<ArgumentException>(() => OcrInput.FromUrl(new Uri("https://example.com/a.pdf")).WithPages(PageSelection.First(1)));

        Assert.StartsWith("Base64 a.pdf is a Base64 input: pages can be selected in a file, a stream or bytes only", base64.Message, StringComparison.Ordinal);
        Assert.StartsWith("Url is a Url input", url.Message, StringComparison.Ordinal);
    }
}
