using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Mindee.Ocr.Testing;
using Mindee.Ocr.Tests.TestSupport;
using Xunit;
using static Mindee.Ocr.Tests.TestSupport.MockService;

namespace Mindee.Ocr.Tests;

/// <summary>Each kind of input reaches the server intact, field by field and byte for byte.</summary>
public sealed class EnqueueTests : IDisposable
{
    private readonly MockService _service = Start();
    private readonly string _folder = Directory.CreateTempSubdirectory("mindee-ocr-tests-").FullName;

    public EnqueueTests() => _service.Stub("POST", EnqueuePath, 202, _service.JobJson("job-processing.json"));

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

    internal FormPart[] SentParts() => Multipart.Parse(Assert.Single(_service.Requests)).ToArray();

    [Fact]
    public async Task A_file_goes_up_as_multipart_with_every_field_and_every_byte()
    {
        var pdf = Documents.Pdf(300_000);
        var path = WriteFile("invoice.pdf", pdf);
        var client = _service.CreateClient();

        var job = await client.EnqueueAsync(OcrInput.FromFile(path), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(Fixture.JobId, job.Id);
        var request = Assert.Single(_service.Requests).RequestMessage;
        Assert.Equal(ApiKey, request.Headers!["Authorization"].Single());
        Assert.StartsWith("multipart/form-data", request.Headers["Content-Type"].Single(), StringComparison.Ordinal);
        Assert.True(request.Headers.ContainsKey("Content-Length"), "a file's length is known, so it is sent");
        var parts = SentParts();
        Assert.Equal(["model_id", "filename", "file"], parts.Select(p => p.Name));
        Assert.Equal(Fixture.ModelId, parts[0].Text);
        Assert.Equal("invoice.pdf", parts[1].Text);
        Assert.Equal("invoice.pdf", parts[2].FileName);
        Assert.Equal("application/pdf", parts[2].ContentType);
        Assert.Equal(pdf, parts[2].Bytes);
    }

    [Fact]
    public async Task A_file_info_converts_implicitly_and_the_file_is_closed_afterwards()
    {
        var path = WriteFile("scan.png", Documents.Png());
        var client = _service.CreateClient();

        await client.EnqueueAsync(new FileInfo(path), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("image/png", SentParts()[2].ContentType);
        // .NET locks a file opened with FileShare.None against any other open handle, so this
        // throws if the client left its handle open.
        using var exclusive = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        Assert.True(exclusive.CanWrite);
    }

    [Fact]
    public async Task A_seekable_stream_is_read_from_its_position_and_left_open()
    {
        var jpeg = Documents.Jpeg(5000);
        var stream = new MemoryStream([.. "junk"u8.ToArray(), .. jpeg]) { Position = 4 };
        var client = _service.CreateClient();

        await client.EnqueueAsync(OcrInput.FromStream(stream, "photo.jpg"), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(jpeg, SentParts()[2].Bytes);
        Assert.True(stream.CanRead, "the caller's stream is not disposed");
    }

    [Fact]
    public async Task A_forward_only_stream_is_sent_whole_and_not_disposed()
    {
        var tiff = Documents.Tiff(200_000);
        var stream = new ForwardOnlyStream(new MemoryStream(tiff));
        var client = _service.CreateClient();

        await client.EnqueueAsync(OcrInput.FromStream(stream, "fax.tiff"), cancellationToken: TestContext.Current.CancellationToken);

        var file = SentParts()[2];
        Assert.Equal("image/tiff", file.ContentType);
        Assert.Equal(tiff, file.Bytes);
        Assert.False(stream.WasDisposed);
    }

    [Fact]
    public async Task Bytes_are_sent_as_they_are()
    {
        var webp = Documents.WebP(777);
        var client = _service.CreateClient();

        await client.EnqueueAsync(OcrInput.FromBytes(webp, "page.webp"), cancellationToken: TestContext.Current.CancellationToken);

        var file = SentParts()[2];
        Assert.Equal(("image/webp", "page.webp"), (file.ContentType, file.FileName));
        Assert.Equal(webp, file.Bytes);
    }

    [Fact]
    public async Task Base64_goes_up_as_json_file_base64_with_its_line_breaks_removed()
    {
        var pdf = Documents.Pdf(3000);
        var base64 = Convert.ToBase64String(pdf, Base64FormattingOptions.InsertLineBreaks);
        var client = _service.CreateClient();

        await client.EnqueueAsync(OcrInput.FromBase64(base64, "doc.pdf"), new EnqueueOptions { Alias = "a-1" }, TestContext.Current.CancellationToken);

        var request = Assert.Single(_service.Requests).RequestMessage;
        Assert.StartsWith("application/json", request.Headers!["Content-Type"].Single(), StringComparison.Ordinal);
        using var json = JsonDocument.Parse(request.Body!);
        var root = json.RootElement;
        Assert.Equal(Fixture.ModelId, root.GetProperty("model_id").GetString());
        Assert.Equal("doc.pdf", root.GetProperty("filename").GetString());
        Assert.Equal("a-1", root.GetProperty("alias").GetString());
        Assert.Equal(pdf, Convert.FromBase64String(root.GetProperty("file_base64").GetString()!));
        Assert.DoesNotContain("\n", root.GetProperty("file_base64").GetString()!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(3000)] // no padding
    [InlineData(3001)] // "=="
    [InlineData(3002)] // "="
    public async Task Base64_with_any_padding_is_accepted_and_measured_right(int size)
    {
        // Defect 1: '=' padding was counted twice, so every document whose size is not a multiple
        // of 3 was refused as "not base64".
        var pdf = Documents.Pdf(size);
        var base64 = Convert.ToBase64String(pdf);
        var fake = new FakeMindeeService();
        var client = new MindeeOcrClient(fake.CreateHttpClient(), new MindeeOcrOptions { ApiKey = "k", ModelId = "m" });

        await client.EnqueueAsync(OcrInput.FromBase64(base64, "doc.pdf"), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(size, Mindee.Ocr.Input.Base64Text.CheckAndMeasure(base64, "input")); // the size the 100 MB check reads
        Assert.Equal(size, fake.Enqueues.Single().ByteCount); // and it reached the service whole
    }

    [Theory]
    [InlineData(1000)]  // announces more than it holds
    [InlineData(-1000)] // holds more than it announces
    public async Task A_stream_whose_length_is_wrong_is_a_typed_error_and_nothing_is_enqueued(int lie)
    {
        // Defect 10: a raw IOException, after a partial request went out.
        var pdf = Documents.Pdf(50_000);
        var stream = new WrongLengthStream(pdf, pdf.Length + lie);
        var client = _service.CreateClient();

        var ex = await Assert.ThrowsAsync<MindeeOcrException>(() => client.EnqueueAsync(OcrInput.FromStream(stream, "lying.pdf"), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(MindeeOcrFailureKind.DocumentLengthMismatch, ex.Kind);
        Assert.Contains("lying.pdf", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"{pdf.Length + lie:N0} bytes its length announced", ex.Message, StringComparison.Ordinal);
        Assert.False(ex.DocumentMayHaveBeenEnqueued);
        Assert.Empty(_service.Requests); // the request was aborted, never completed
    }

    [Fact]
    public async Task A_url_goes_up_as_json_with_the_optional_file_name()
    {
        var client = _service.CreateClient();

        await client.EnqueueAsync(new Uri("https://files.example.com/scans/inv%201.pdf?sig=abc"), new EnqueueOptions { FileName = "inv 1.pdf" }, TestContext.Current.CancellationToken);

        using var json = JsonDocument.Parse(Assert.Single(_service.Requests).RequestMessage.Body!);
        Assert.Equal("https://files.example.com/scans/inv%201.pdf?sig=abc", json.RootElement.GetProperty("url").GetString());
        Assert.Equal("inv 1.pdf", json.RootElement.GetProperty("filename").GetString());
        Assert.False(json.RootElement.TryGetProperty("file_base64", out _));
    }

    [Fact]
    public async Task Enqueue_options_reach_the_form_and_override_the_defaults()
    {
        var client = _service.CreateClient();
        var options = new EnqueueOptions { ModelId = "other-model", Alias = "order-42", WebhookIds = ["hook-a", "hook-b"], FileName = "renamed.pdf" };

        await client.EnqueueAsync(OcrInput.FromBytes(Documents.Pdf(), "original.pdf"), options, TestContext.Current.CancellationToken);

        var parts = SentParts();
        Assert.Equal("other-model", parts.Single(p => p.Name == "model_id").Text);
        Assert.Equal("order-42", parts.Single(p => p.Name == "alias").Text);
        Assert.Equal(["hook-a", "hook-b"], parts.Where(p => p.Name == "webhook_ids").Select(p => p.Text));
        Assert.Equal("renamed.pdf", parts.Single(p => p.Name == "filename").Text);
        Assert.Equal("renamed.pdf", parts.Single(p => p.Name == "file").FileName);
    }

    [Theory]
    [InlineData("Reçu d'été №1.pdf")]
    [InlineData("facture \"finale\".pdf")]
    [InlineData("back\\slash and spaces.pdf")]
    [InlineData("請求書.pdf")]
    public async Task File_names_reach_the_server_intact(string name)
    {
        var client = _service.CreateClient();

        await client.EnqueueAsync(OcrInput.FromBytes(Documents.Pdf(), name), cancellationToken: TestContext.Current.CancellationToken);

        var parts = SentParts();
        Assert.Equal(name, parts.Single(p => p.Name == "filename").Text);
        Assert.Equal(name, parts.Single(p => p.Name == "file").FileName);
        var raw = Encoding.UTF8.GetString(Assert.Single(_service.Requests).RequestMessage.BodyAsBytes!);
        Assert.DoesNotContain("filename*", raw, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("jpeg")]
    [InlineData("png")]
    [InlineData("webp")]
    [InlineData("tiff")]
    [InlineData("heic")]
    [InlineData("heif")]
    [InlineData("pdf")]
    public async Task The_type_comes_from_the_content_not_the_extension(string kind)
    {
        var (bytes, type) = kind switch
        {
            "jpeg" => (Documents.Jpeg(), "image/jpeg"),
            "png" => (Documents.Png(), "image/png"),
            "webp" => (Documents.WebP(), "image/webp"),
            "tiff" => (Documents.Tiff(), "image/tiff"),
            "heic" => (Documents.Heic(), "image/heic"),
            "heif" => (Documents.Heif(), "image/heif"),
            _ => (Documents.Pdf(), "application/pdf"),
        };
        var client = _service.CreateClient();

        await client.EnqueueAsync(OcrInput.FromBytes(bytes, "misnamed.txt"), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(type, SentParts()[2].ContentType);
    }

    [Fact]
    public async Task The_type_check_can_be_turned_off()
    {
        var client = _service.CreateClient(o => o.CheckFileType = false);

        await client.EnqueueAsync(OcrInput.FromBytes(Documents.Zip(), "archive.zip"), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("application/octet-stream", SentParts()[2].ContentType);
    }

    [Fact]
    public void Input_descriptions_never_show_content()
    {
        var input = OcrInput.FromBase64(Convert.ToBase64String(Documents.Pdf()), "secret-contract.pdf");
        Assert.Equal("Base64 secret-contract.pdf", input.ToString());
        Assert.Equal(OcrInputKind.Base64, input.Kind);
        Assert.Equal("Url", OcrInput.FromUrl(new Uri("https://a.example/b.pdf")).ToString());
    }
}
