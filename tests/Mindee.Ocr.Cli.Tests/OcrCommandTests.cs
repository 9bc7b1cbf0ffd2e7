using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Mindee.Ocr.Harness;
using Mindee.Ocr.Testing;
using Xunit;

namespace Mindee.Ocr.Cli.Tests;

/// <summary><c>mindee-ocr ocr</c> in process: outputs per format, naming, globs, failures and exit codes.</summary>
public sealed class OcrCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Theory]
    [InlineData("text", OcrExportFormat.Text)]
    [InlineData("tsv", OcrExportFormat.Tsv)]
    [InlineData("hocr", OcrExportFormat.Hocr)]
    [InlineData("alto", OcrExportFormat.Alto)]
    [InlineData("json", OcrExportFormat.Json)]
    [InlineData("HOCR", OcrExportFormat.Hocr)]
    public async Task One_input_without_output_writes_the_export_to_standard_output_and_one_line_to_standard_error(string format, OcrExportFormat expected)
    {
        _cli.File("invoice.pdf");

        var run = await _cli.RunAsync("ocr", "invoice.pdf", "--format", format);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(await _cli.ExpectedExportAsync("fake-job-0001", expected), run.StandardOutputBytes);
        Assert.Equal(["done: invoice.pdf (1 page)"], run.ErrorLines);
        var sent = Assert.Single(_cli.Fake.Enqueues);
        Assert.Equal("invoice.pdf", sent.FileName);
        Assert.Equal(CliHarness.ModelId, sent.ModelId);
    }

    [Fact]
    public async Task Text_is_the_default_format()
    {
        _cli.File("invoice.pdf");

        var run = await _cli.RunAsync("ocr", "invoice.pdf");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("Synthetic result for invoice.pdf", run.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text", ".txt")]
    [InlineData("tsv", ".tsv")]
    [InlineData("hocr", ".hocr")]
    [InlineData("alto", ".xml")]
    [InlineData("json", ".json")]
    public async Task Several_inputs_get_one_file_each_named_after_the_input_with_the_format_extension(string format, string extension)
    {
        _cli.File("a.pdf");
        _cli.File("b.pdf");

        var run = await _cli.RunAsync("ocr", "a.pdf", "b.pdf", "--format", format, "--output", "out", "--concurrency", "1");

        Assert.Equal(0, run.ExitCode);
        Assert.Empty(run.StandardOutputBytes);
        Assert.Equal(["a.pdf" + extension, "b.pdf" + extension], Directory.GetFiles(Path.Combine(_cli.Directory, "out")).Select(Path.GetFileName).Order().ToArray());
        var formatValue = Enum.Parse<OcrExportFormat>(format, ignoreCase: true);
        foreach (var sent in _cli.Fake.Enqueues)
        {
            Assert.Equal(await _cli.ExpectedExportAsync(sent.JobId, formatValue), File.ReadAllBytes(Path.Combine(_cli.Directory, "out", sent.FileName + extension)));
        }

        Assert.Equal(
            [$"done: a.pdf -> {Path.Combine("out", "a.pdf" + extension)} (1 page)", $"done: b.pdf -> {Path.Combine("out", "b.pdf" + extension)} (1 page)"],
            run.ErrorLines.Order().ToArray());
    }

    [Fact]
    public async Task Globs_expand_in_the_tool_and_a_later_input_with_a_taken_name_gets_a_numbered_suffix()
    {
        _cli.File("invoice.pdf");
        _cli.File("2024/invoice.pdf");
        _cli.File("2024/q3/invoice.pdf");
        _cli.File("2024/q3/receipt.pdf");
        _cli.File("2024/notes.txt", "not a pdf"u8.ToArray());

        var run = await _cli.RunAsync("ocr", "invoice.pdf", "2024/**/*.pdf", "-o", "out", "-f", "hocr");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(4, _cli.Fake.Enqueues.Count);
        Assert.Equal(
            ["invoice.pdf-2.hocr", "invoice.pdf-3.hocr", "invoice.pdf.hocr", "receipt.pdf.hocr"],
            Directory.GetFiles(Path.Combine(_cli.Directory, "out")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray());

        // Names follow the order of the inputs (the glob's matches sorted), not the order documents finish in.
        Assert.Contains($"done: {Path.Combine("2024", "invoice.pdf")} -> {Path.Combine("out", "invoice.pdf-2.hocr")} (1 page)", run.ErrorLines);
        Assert.Contains($"done: {Path.Combine("2024", "q3", "invoice.pdf")} -> {Path.Combine("out", "invoice.pdf-3.hocr")} (1 page)", run.ErrorLines);
    }

    [Fact]
    public async Task A_file_named_twice_is_sent_once()
    {
        _cli.File("a.pdf");
        _cli.File("b.pdf");

        var run = await _cli.RunAsync("ocr", "a.pdf", "*.pdf", "-o", "out");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["a.pdf", "b.pdf"], _cli.Fake.Enqueues.Select(e => e.FileName).Order().ToArray());
    }

    [Fact]
    public async Task A_url_is_sent_as_a_url_and_its_export_is_named_by_its_last_path_segment()
    {
        _cli.File("a.pdf");

        var run = await _cli.RunAsync("ocr", "https://files.example.com/scans/receipt%2007.jpg?sig=x", "a.pdf", "-o", "out", "-f", "json");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(_cli.Fake.Enqueues, e => e.Url == "https://files.example.com/scans/receipt%2007.jpg?sig=x");
        Assert.True(File.Exists(Path.Combine(_cli.Directory, "out", "receipt 07.jpg.json")));
    }

    [Fact]
    public async Task A_failed_document_among_good_ones_is_one_error_line_and_exit_code_1_while_the_others_are_written()
    {
        _cli.File("a.pdf");
        _cli.File("b.pdf");
        _cli.File("c.pdf");
        _cli.Fake
            .Then(FakeJobScenario.Succeeds())
            .Then(FakeJobScenario.Fails(new MindeeProblem { Status = 422, Title = "Unreadable document", Detail = "The file is corrupted." }, processingPolls: 1))
            .Then(FakeJobScenario.Succeeds());

        var run = await _cli.RunAsync("ocr", "a.pdf", "b.pdf", "c.pdf", "-o", "out", "--concurrency", "1");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(3, run.ErrorLines.Length);
        Assert.Contains("error: b.pdf: the service could not process it: Unreadable document (The file is corrupted.)", run.ErrorLines);
        Assert.True(File.Exists(Path.Combine(_cli.Directory, "out", "a.pdf.txt")));
        Assert.False(File.Exists(Path.Combine(_cli.Directory, "out", "b.pdf.txt")));
        Assert.True(File.Exists(Path.Combine(_cli.Directory, "out", "c.pdf.txt")));
    }

    [Fact]
    public async Task A_missing_file_or_an_empty_glob_is_a_failure_and_the_other_inputs_are_still_processed()
    {
        _cli.File("a.pdf");

        var run = await _cli.RunAsync("ocr", "missing.pdf", "a.pdf", "scans/*.tif", "-o", "out");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            ["done: a.pdf -> " + Path.Combine("out", "a.pdf.txt") + " (1 page)", "error: missing.pdf: no such file", "error: scans/*.tif: no file matches this pattern"],
            run.ErrorLines.Order(StringComparer.Ordinal).ToArray());
        Assert.Equal("a.pdf", Assert.Single(_cli.Fake.Enqueues).FileName);
    }

    [Fact]
    public async Task A_document_the_client_refuses_before_sending_is_a_failure_line()
    {
        _cli.File("a.pdf");
        _cli.File("empty.pdf", []);

        var run = await _cli.RunAsync("ocr", "a.pdf", "empty.pdf", "-o", "out");

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.ErrorLines, l => l.StartsWith("error: ", StringComparison.Ordinal));
        Assert.StartsWith("error: empty.pdf: ", line, StringComparison.Ordinal);
        Assert.Single(_cli.Fake.Enqueues);
    }

    [Fact]
    public async Task Model_alias_and_webhooks_go_with_every_document_and_several_inputs_get_an_alias_each()
    {
        _cli.File("a.pdf");
        _cli.File("sub/a.pdf");

        var run = await _cli.RunAsync("ocr", "a.pdf", "sub/a.pdf", "-o", "out", "--model", "other-model", "--alias", "batch-7", "--webhook", "hook-1", "--webhook", "hook-2", "--concurrency", "1");

        Assert.Equal(0, run.ExitCode);
        Assert.All(_cli.Fake.Enqueues, e =>
        {
            Assert.Equal("other-model", e.ModelId);
            Assert.Equal(["hook-1", "hook-2"], e.WebhookIds);
        });
        Assert.Equal(["batch-7/a.pdf", "batch-7/a.pdf-2"], _cli.Fake.Enqueues.Select(e => e.Alias).Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public async Task One_input_takes_the_alias_as_given()
    {
        _cli.File("a.pdf");

        var run = await _cli.RunAsync("ocr", "a.pdf", "--alias", "order-42");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("order-42", Assert.Single(_cli.Fake.Enqueues).Alias);
    }

    [Fact]
    public async Task Pages_sends_only_the_selected_pages()
    {
        var pdf = TestPdfs.Numbered(3);
        _cli.File("three.pdf", pdf);

        var run = await _cli.RunAsync("ocr", "three.pdf", "--pages", "1,-1");

        Assert.Equal(0, run.ExitCode);
        var sent = Assert.Single(_cli.Fake.Enqueues);
        Assert.True(sent.ByteCount < pdf.Length, $"{sent.ByteCount} bytes sent of {pdf.Length}");
    }

    [Fact]
    public async Task Pages_beyond_the_document_is_a_failure_naming_the_document()
    {
        _cli.File("three.pdf", TestPdfs.Numbered(3));

        var run = await _cli.RunAsync("ocr", "three.pdf", "--pages", "7");

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("error: three.pdf: ", line, StringComparison.Ordinal);
        Assert.Contains("3", line, StringComparison.Ordinal);
        Assert.Empty(_cli.Fake.Enqueues);
    }

    [Fact]
    public async Task Pages_of_a_url_cannot_be_selected_and_that_is_a_failure_line()
    {
        var run = await _cli.RunAsync("ocr", "https://example.com/a.pdf", "--pages", "first:1");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error: https://example.com/a.pdf: ", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quiet_writes_failures_only()
    {
        _cli.File("a.pdf");

        var run = await _cli.RunAsync("ocr", "a.pdf", "missing.pdf", "-o", "out", "--quiet");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(["error: missing.pdf: no such file"], run.ErrorLines);
    }

    [Fact]
    public async Task An_export_already_in_the_output_directory_from_an_earlier_run_is_replaced_not_numbered()
    {
        _cli.File("a.pdf");
        _cli.File("out/a.pdf.txt", "old"u8.ToArray());

        var run = await _cli.RunAsync("ocr", "a.pdf", "-o", "out");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("Synthetic result", File.ReadAllText(Path.Combine(_cli.Directory, "out", "a.pdf.txt")), StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(Path.Combine(_cli.Directory, "out")));
    }
}
