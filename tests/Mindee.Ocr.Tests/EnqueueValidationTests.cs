using System;
using System.IO;
using System.Threading.Tasks;
using Mindee.Ocr.Tests.TestSupport;
using Xunit;
using static Mindee.Ocr.Tests.TestSupport.MockService;

namespace Mindee.Ocr.Tests;

/// <summary>Bad input gets a clear error before any request: the server sees nothing.</summary>
public sealed class EnqueueValidationTests : IDisposable
{
    private readonly MockService _service = Start();
    private readonly string _folder = Directory.CreateTempSubdirectory("mindee-ocr-tests-").FullName;

    public EnqueueValidationTests() => _service.Stub("POST", EnqueuePath, 202, _service.JobJson("job-processing.json"));

    public void Dispose()
    {
        _service.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<T> Rejected<T>(OcrInput input, EnqueueOptions? options = null, Action<MindeeOcrOptions>? configure = null)
        where T : Exception
    {
        var client = _service.CreateClient(configure);
        var ex = await Assert.ThrowsAsync<T>(() => client.EnqueueAsync(input, options, TestContext.Current.CancellationToken));
        Assert.Empty(_service.Requests);
        return ex;
    }

    [Fact]
    public async Task No_model_id_anywhere_names_where_to_set_one()
    {
        var ex = await Rejected<ArgumentException>(OcrInput.FromBytes(Documents.Pdf(), "a.pdf"), configure: o => o.ModelId = null);
        Assert.Contains("MindeeOcrOptions.ModelId", ex.Message, StringComparison.Ordinal);
        Assert.Contains("MINDEE_V2_OCR_MODEL_ID", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_http_url_is_rejected_before_any_request()
    {
        var ex = await Rejected<ArgumentException>(new Uri("http://files.example.com/a.pdf"));
        Assert.Contains("https://", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_relative_url_is_rejected() =>
        await Rejected<ArgumentException>(OcrInput.FromUrl(new Uri("files/a.pdf", UriKind.Relative)));

    [Fact]
    public async Task A_url_over_2048_characters_is_rejected()
    {
        var ex = await Rejected<ArgumentException>(new Uri("https://files.example.com/" + new string('a', 2100)));
        Assert.Contains("2,048", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_is_file_not_found()
    {
        var ex = await Rejected<FileNotFoundException>(OcrInput.FromFile(Path.Combine(_folder, "nope.pdf")));
        Assert.EndsWith("nope.pdf", ex.FileName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_directory_is_not_a_document() =>
        await Rejected<ArgumentException>(OcrInput.FromFile(_folder));

    [Fact]
    public async Task An_empty_file_is_rejected()
    {
        var path = Path.Combine(_folder, "empty.pdf");
        await File.WriteAllBytesAsync(path, [], TestContext.Current.CancellationToken);
        var ex = await Rejected<ArgumentException>(OcrInput.FromFile(path));
        Assert.Contains("empty", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_over_100_mb_is_rejected_without_reading_it()
    {
        var path = Path.Combine(_folder, "huge.pdf");
        using (var file = new FileStream(path, FileMode.Create))
        {
            file.Write("%PDF-1.7"u8);
            file.SetLength((100L * 1024 * 1024) + 1); // sparse: costs no disk
        }

        var ex = await Rejected<ArgumentException>(OcrInput.FromFile(path));
        Assert.Contains("100 MB", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_exactly_100_mb_passes_the_size_check()
    {
        // The size check is inclusive; refuse it on type only, to prove the size was accepted.
        var path = Path.Combine(_folder, "limit.bin");
        using (var file = new FileStream(path, FileMode.Create))
        {
            file.SetLength(100L * 1024 * 1024);
        }

        var ex = await Rejected<ArgumentException>(OcrInput.FromFile(path));
        Assert.Contains("is not a PDF, JPEG, PNG, WebP, TIFF, HEIC or HEIF document", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Content_that_is_no_accepted_type_is_rejected_whatever_its_extension()
    {
        var path = Path.Combine(_folder, "looks-like.pdf");
        await File.WriteAllBytesAsync(path, Documents.Zip(), TestContext.Current.CancellationToken);
        var ex = await Rejected<ArgumentException>(OcrInput.FromFile(path));
        Assert.Contains("starts with the bytes 504B0304)", ex.Message, StringComparison.Ordinal); // a magic number, no more of the content
        Assert.Contains("CheckFileType", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_stream_is_rejected() =>
        await Rejected<ArgumentException>(OcrInput.FromStream(new ForwardOnlyStream(new MemoryStream()), "a.pdf"));

    [Fact]
    public async Task A_seekable_stream_at_its_end_is_empty()
    {
        var stream = new MemoryStream(Documents.Pdf());
        stream.Seek(0, SeekOrigin.End);
        await Rejected<ArgumentException>(OcrInput.FromStream(stream, "a.pdf"));
    }

    [Fact]
    public async Task Empty_bytes_are_rejected() =>
        await Rejected<ArgumentException>(OcrInput.FromBytes(ReadOnlyMemory<byte>.Empty, "a.pdf"));

    [Theory]
    [InlineData("not base64 at all!")]
    [InlineData("JVBERi0xLjc=AAAA")]
    [InlineData("JVBERi0xLjc")] // truncated: not a multiple of 4
    [InlineData("")]
    public async Task Base64_that_is_not_base64_is_rejected(string text) =>
        await Rejected<ArgumentException>(OcrInput.FromBase64(text, "a.pdf"));

    [Fact]
    public async Task A_data_uri_is_explained()
    {
        var ex = await Rejected<ArgumentException>(OcrInput.FromBase64("data:application/pdf;base64,JVBERi0xLjcK", "a.pdf"));
        Assert.Contains("data: URI", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Base64_of_an_unsupported_type_is_rejected() =>
        await Rejected<ArgumentException>(OcrInput.FromBase64(Convert.ToBase64String(Documents.Zip()), "a.zip"));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("two\r\nlines.pdf")]
    public void An_empty_or_broken_file_name_is_rejected_by_the_factory(string name)
    {
        Assert.ThrowsAny<ArgumentException>(() => OcrInput.FromBytes(Documents.Pdf(), name));
        Assert.ThrowsAny<ArgumentException>(() => OcrInput.FromStream(new MemoryStream(), name));
        Assert.ThrowsAny<ArgumentException>(() => OcrInput.FromBase64("JVBERi0xLjcK", name));
    }

    [Fact]
    public async Task A_file_name_override_with_a_line_break_is_rejected() =>
        await Rejected<ArgumentException>(OcrInput.FromBytes(Documents.Pdf(), "a.pdf"), new EnqueueOptions { FileName = "x\ny.pdf" });

    [Fact]
    public async Task An_empty_webhook_id_is_rejected() =>
        await Rejected<ArgumentException>(OcrInput.FromBytes(Documents.Pdf(), "a.pdf"), new EnqueueOptions { WebhookIds = ["ok", " "] });

    [Fact]
    public void Null_arguments_are_argument_null_exceptions()
    {
        Assert.Throws<ArgumentNullException>(() => OcrInput.FromStream(null!, "a.pdf"));
        Assert.Throws<ArgumentNullException>(() => OcrInput.FromFile((FileInfo)null!));
        Assert.Throws<ArgumentNullException>(() => OcrInput.FromUrl(null!));
        Assert.Throws<ArgumentNullException>(() => OcrInput.FromBase64(null!, "a.pdf"));
        Assert.ThrowsAny<ArgumentException>(() => OcrInput.FromFile((string)null!));
    }

    [Fact]
    public void A_write_only_stream_is_rejected_by_the_factory()
    {
        using var stream = new FileStream(Path.Combine(_folder, "w.bin"), FileMode.Create, FileAccess.Write);
        Assert.Throws<ArgumentException>(() => OcrInput.FromStream(stream, "a.pdf"));
    }

    [Fact]
    public async Task A_forward_only_stream_past_100_mb_is_aborted_while_sending()
    {
        var client = _service.CreateClient();
        var stream = new GeneratedStream((100L * 1024 * 1024) + 100_000);

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.EnqueueAsync(OcrInput.FromStream(stream, "endless.pdf"), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("100 MB", ex.Message, StringComparison.Ordinal);
        Assert.Contains("aborted", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_io_error_of_the_callers_stream_reaches_the_caller_unchanged()
    {
        var client = _service.CreateClient();
        var stream = new FailingStream("%PDF-1.7\n"u8.ToArray(), failAfter: 50_000);

        var ex = await Assert.ThrowsAsync<IOException>(() => client.EnqueueAsync(OcrInput.FromStream(stream, "broken.pdf"), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal("The caller's disk failed.", ex.Message);
    }
}
