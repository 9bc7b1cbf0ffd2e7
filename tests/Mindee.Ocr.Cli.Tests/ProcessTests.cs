using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Mindee.Ocr.Harness;
using Mindee.Ocr.Testing;
using Xunit;

namespace Mindee.Ocr.Cli.Tests;

/// <summary>
/// The tool as users run it: <c>dotnet mindee-ocr.dll</c> in its own process, configured by its
/// environment, against the fake service on a loopback port (real sockets, real polling delays:
/// a document takes the client's first poll delay, about 2 s).
/// </summary>
public sealed class ProcessTests : IDisposable
{
    private readonly CliHarness _files = new();
    private readonly EnqueueSignal _signal;
    private readonly LoopbackHttpServer _server;
    private readonly System.Collections.Generic.List<Process> _started = [];

    public ProcessTests()
    {
        _signal = new EnqueueSignal { InnerHandler = _files.Fake };
        _server = LoopbackHttpServer.Handling(_signal);
    }

    public void Dispose()
    {
        // A child still running (a timeout, a failed assertion) does not outlive the test.
        foreach (var process in _started)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
        }

        _server.Dispose();
        _signal.Dispose();
        _files.Dispose();
    }

    private Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _files.Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "mindee-ocr.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in new[] { "MINDEE_V2_API_KEY", "MINDEE_V2_OCR_MODEL_ID", "MINDEE_V2_BASE_URL" })
        {
            start.Environment.Remove(name);
        }

        start.Environment["MINDEE_V2_API_KEY"] = CliHarness.ApiKey;
        start.Environment["MINDEE_V2_OCR_MODEL_ID"] = CliHarness.ModelId;
        start.Environment["MINDEE_V2_BASE_URL"] = _server.BaseAddress.ToString();
        var process = Process.Start(start)!;
        _started.Add(process);
        return process;
    }

    private async Task<CliResult> RunAsync(params string[] args)
    {
        using var process = Start(args);
        return await CollectAsync(process);
    }

    private static async Task<CliResult> CollectAsync(Process process)
    {
        using var standardOutput = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(standardOutput);
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        await copy;
        return new CliResult(process.ExitCode, standardOutput.ToArray(), await error);
    }

    [Fact]
    public async Task Version_and_a_usage_error_as_a_process()
    {
        var version = await RunAsync("--version");
        var usage = await RunAsync("ocr", "a.pdf", "b.pdf");

        Assert.Equal(0, version.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", version.StandardOutput);
        Assert.Equal(2, usage.ExitCode);
        Assert.Equal(["error: 2 inputs: pass --output DIR to write one file per input (standard output takes one input only)."], usage.ErrorLines);
    }

    [Fact]
    public async Task Ocr_of_one_file_to_standard_output_and_of_a_glob_with_a_failure_into_a_directory()
    {
        _files.File("invoice.pdf");
        _files.File("scans/a.pdf");
        _files.File("scans/b.pdf");
        _files.Fake
            .Then(FakeJobScenario.Succeeds())
            .Then(FakeJobScenario.Succeeds())
            .Then(FakeJobScenario.Fails(new MindeeProblem { Status = 422, Title = "Unreadable document" }));

        var one = await RunAsync("ocr", "invoice.pdf", "--format", "json");
        var many = await RunAsync("ocr", "scans/*.pdf", "missing.pdf", "-o", "out", "-f", "tsv", "--concurrency", "1");

        Assert.Equal(0, one.ExitCode);
        Assert.Equal(await _files.ExpectedExportAsync("fake-job-0001", OcrExportFormat.Json), one.StandardOutputBytes);
        Assert.Equal(["done: invoice.pdf (1 page)"], one.ErrorLines);

        Assert.Equal(1, many.ExitCode);
        Assert.Empty(many.StandardOutputBytes);
        Assert.Equal(
            [
                "done: " + Path.Combine("scans", "a.pdf") + " -> " + Path.Combine("out", "a.pdf.tsv") + " (1 page)",
                "error: missing.pdf: no such file",
                "error: " + Path.Combine("scans", "b.pdf") + ": the service could not process it: Unreadable document",
            ],
            many.ErrorLines.Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(await _files.ExpectedExportAsync("fake-job-0002", OcrExportFormat.Tsv), File.ReadAllBytes(Path.Combine(_files.Directory, "out", "a.pdf.tsv")));
        Assert.DoesNotContain(CliHarness.ApiKey, one.StandardError + many.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sigint_exits_130_with_the_journal_flushed_and_the_same_command_resumes()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "SIGINT is sent with kill(1).");
        _files.File("a.pdf");
        _files.File("b.pdf");
        string[] args = ["ocr", "a.pdf", "b.pdf", "-o", "out", "--journal", "run.journal", "--concurrency", "1"];

        using (var process = Start(args))
        {
            await _signal.FirstEnqueue.WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
            Assert.Equal(0, await InterruptAsync(process.Id));
            var interrupted = await CollectAsync(process);

            Assert.Equal(130, interrupted.ExitCode);
            Assert.Equal("  mindee-ocr ocr a.pdf b.pdf -o out --journal run.journal --concurrency 1", interrupted.ErrorLines[^1]);
            Assert.Contains("\"enqueued\"", File.ReadAllText(Path.Combine(_files.Directory, "run.journal")), StringComparison.Ordinal);
        }

        var resumed = await RunAsync(args);

        Assert.Equal(0, resumed.ExitCode);
        Assert.Equal(["a.pdf", "b.pdf"], _files.Fake.Enqueues.Select(e => e.FileName).ToArray());
        Assert.True(File.Exists(Path.Combine(_files.Directory, "out", "a.pdf.txt")));
        Assert.True(File.Exists(Path.Combine(_files.Directory, "out", "b.pdf.txt")));
    }

    /// <summary>Ctrl+C as a terminal sends it: SIGINT to the process.</summary>
    private static async Task<int> InterruptAsync(int pid)
    {
        using var kill = Process.Start("kill", ["-INT", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
        return kill.ExitCode;
    }

    /// <summary>Passes requests to the fake service and completes <see cref="FirstEnqueue"/> once one was answered.</summary>
    private sealed class EnqueueSignal : DelegatingHandler
    {
        private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task FirstEnqueue => _first.Task;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (request.Method == HttpMethod.Post)
            {
                _first.TrySetResult();
            }

            return response;
        }
    }
}
