using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Mindee.Ocr.Testing;
using Xunit;

namespace Mindee.Ocr.Cli.Tests;

/// <summary><c>job</c>, <c>wait</c>, <c>result</c> and <c>webhook verify</c>, in process.</summary>
public sealed class JobCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private async Task<string> EnqueueAsync(FakeJobScenario? scenario = null)
    {
        if (scenario is not null)
        {
            _cli.Fake.Then(scenario);
        }

        var job = await _cli.Fake.CreateClient().EnqueueAsync(OcrInput.FromBytes(CliHarness.SamplePdf, "invoice.pdf"), new EnqueueOptions { Alias = "inv-9" });
        return job.Id;
    }

    [Fact]
    public async Task Job_shows_the_job_on_standard_output()
    {
        var id = await EnqueueAsync(FakeJobScenario.Succeeds(processingPolls: 1));

        var run = await _cli.RunAsync("job", id);

        Assert.Equal(0, run.ExitCode);
        var lines = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal($"id:        {id}", lines[0]);
        Assert.Equal("status:    processing", lines[1]);
        Assert.Contains("file:      invoice.pdf", lines);
        Assert.Contains("alias:     inv-9", lines);
        Assert.Empty(run.StandardError);
    }

    [Fact]
    public async Task Job_of_a_failed_job_exits_1_with_its_reason()
    {
        var id = await EnqueueAsync(FakeJobScenario.Fails(new MindeeProblem { Status = 422, Title = "Unreadable", Detail = "Corrupted." }));
        await _cli.RunAsync("job", id); // the first poll answers processing

        var run = await _cli.RunAsync("job", id);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("status:    failed", run.StandardOutput, StringComparison.Ordinal);
        Assert.Equal([$"error: job {id} failed: Unreadable Corrupted."], run.ErrorLines);
    }

    [Fact]
    public async Task Job_that_does_not_exist_exits_1_with_one_line()
    {
        var run = await _cli.RunAsync("job", "no-such-job");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error: job no-such-job: ", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.Empty(run.StandardOutputBytes);
    }

    [Theory]
    [InlineData("hocr", OcrExportFormat.Hocr)]
    [InlineData("json", OcrExportFormat.Json)]
    public async Task Wait_writes_the_export_once_processed(string format, OcrExportFormat expected)
    {
        var id = await EnqueueAsync(FakeJobScenario.Succeeds(processingPolls: 3));

        var run = await _cli.RunAsync("wait", id, "--format", format);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(await _cli.ExpectedExportAsync(id, expected), run.StandardOutputBytes);
    }

    [Fact]
    public async Task Wait_for_a_failed_job_exits_1_with_one_line()
    {
        var id = await EnqueueAsync(FakeJobScenario.Fails(new MindeeProblem { Status = 422, Title = "Unreadable", Detail = "Corrupted." }));

        var run = await _cli.RunAsync("wait", id);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"error: job {id}: ", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Result_writes_the_export()
    {
        var id = await EnqueueAsync();

        var run = await _cli.RunAsync("result", id, "-f", "alto");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(await _cli.ExpectedExportAsync(id, OcrExportFormat.Alto), run.StandardOutputBytes);
    }

    [Fact]
    public async Task Webhook_verify_accepts_a_genuine_delivery_and_refuses_a_changed_one()
    {
        var delivery = File.ReadAllBytes(_cli.File("delivery.json", MindeeOcrJson.SerializeToUtf8Bytes(OcrResultFactory.FromPages("Total 42.00"))));
        _cli.File("changed.json", [.. delivery.Select(b => b == (byte)'4' ? (byte)'5' : b)]);
        _cli.Environment["HOOK_SECRET"] = "whsec-0123456789";
        var signature = OcrWebhookSignature.Compute(delivery, "whsec-0123456789");

        var good = await _cli.RunAsync("webhook", "verify", "--secret-env", "HOOK_SECRET", "--signature", signature, "delivery.json");
        var bad = await _cli.RunAsync("webhook", "verify", "--secret-env", "HOOK_SECRET", "--signature", signature, "changed.json");

        Assert.Equal(0, good.ExitCode);
        Assert.StartsWith("valid: the signature matches. Result: ", good.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(1, bad.ExitCode);
        Assert.StartsWith("error: changed.json: the signature does not match this body under the secret in HOOK_SECRET", Assert.Single(bad.ErrorLines), StringComparison.Ordinal);
        Assert.Empty(bad.StandardOutputBytes);
    }

    [Fact]
    public async Task Webhook_verify_without_the_secret_variable_is_a_usage_error()
    {
        _cli.File("delivery.json", "{}"u8.ToArray());

        var run = await _cli.RunAsync("webhook", "verify", "--secret-env", "HOOK_SECRET", "--signature", "00", "delivery.json");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(["error: the environment variable HOOK_SECRET is not set: put the webhook's signing secret in it."], run.ErrorLines);
    }
}
