using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace Mindee.Ocr.Cli.Tests;

/// <summary>Ctrl+C (the token cancelled) and resuming with <c>--journal</c>: exit 130, the journal flushed, no document sent twice.</summary>
public sealed class ResumeTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Ctrl_c_after_a_document_exits_130_with_the_resume_command_and_the_next_run_sends_only_the_rest()
    {
        _cli.File("a.pdf");
        _cli.File("b.pdf");
        _cli.File("c.pdf");
        string[] args = ["ocr", "*.pdf", "-o", "out", "--journal", "run.journal", "--concurrency", "1"];
        using var interrupt = new CancellationTokenSource();
        var watcher = new LineWatcher(line =>
        {
            if (line.StartsWith("done: ", StringComparison.Ordinal))
            {
                interrupt.Cancel(); // Ctrl+C as the first document is reported
            }
        });

        var first = await _cli.RunAsync(args, watcher, interrupt.Token);

        Assert.Equal(130, first.ExitCode);
        Assert.Equal(
            [
                "done: a.pdf -> " + Path.Combine("out", "a.pdf.txt") + " (1 page)",
                "Interrupted: 1 done, 0 failed, 0 skipped, 2 not finished. The journal run.journal is saved: run the same command again to resume without sending any document twice:",
                "  mindee-ocr ocr '*.pdf' -o out --journal run.journal --concurrency 1",
            ],
            first.ErrorLines);
        Assert.Equal(["a.pdf"], _cli.Fake.Enqueues.Select(e => e.FileName).ToArray());

        var second = await _cli.RunAsync(args);

        Assert.Equal(0, second.ExitCode);
        Assert.Contains("skipped: a.pdf (done by an earlier run, as its journal says)", second.ErrorLines);
        Assert.Equal(["a.pdf", "b.pdf", "c.pdf"], _cli.Fake.Enqueues.Select(e => e.FileName).ToArray());
        Assert.Equal(["a.pdf.txt", "b.pdf.txt", "c.pdf.txt"], Directory.GetFiles(Path.Combine(_cli.Directory, "out")).Select(Path.GetFileName).Order().ToArray());
    }

    [Fact]
    public async Task Ctrl_c_while_a_document_is_processing_keeps_its_job_in_the_journal_and_the_next_run_waits_for_it_without_sending_it_again()
    {
        _cli.File("a.pdf");
        string[] args = ["ocr", "a.pdf", "-o", "out", "--journal", "run.journal"];
        using var interrupt = new CancellationTokenSource();
        _cli.ClientFactory = options =>
        {
            // Ctrl+C at the first poll: the document is enqueued, its result not yet fetched.
            options.Polling.InitialDelay = TimeSpan.FromMilliseconds(1);
            var handler = new InterruptAtFirstPoll(interrupt) { InnerHandler = _cli.Fake };
            return new MindeeOcrClient(new HttpClient(handler), options);
        };

        var first = await _cli.RunAsync(args, null, interrupt.Token);

        Assert.Equal(130, first.ExitCode);
        Assert.Contains("  mindee-ocr ocr a.pdf -o out --journal run.journal", first.ErrorLines);
        Assert.Contains("\"enqueued\"", File.ReadAllText(Path.Combine(_cli.Directory, "run.journal")), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_cli.Directory, "out")) && Directory.GetFiles(Path.Combine(_cli.Directory, "out")).Length > 0);

        _cli.ClientFactory = null;
        var second = await _cli.RunAsync(args);

        Assert.Equal(0, second.ExitCode);
        Assert.Single(_cli.Fake.Enqueues);
        Assert.True(File.Exists(Path.Combine(_cli.Directory, "out", "a.pdf.txt")));
    }

    [Fact]
    public async Task Ctrl_c_without_a_journal_says_how_to_be_able_to_resume()
    {
        _cli.File("a.pdf");
        _cli.File("b.pdf");
        using var interrupt = new CancellationTokenSource();
        var watcher = new LineWatcher(line => interrupt.Cancel());

        var run = await _cli.RunAsync(["ocr", "a.pdf", "b.pdf", "-o", "out", "--concurrency", "1"], watcher, interrupt.Token);

        Assert.Equal(130, run.ExitCode);
        Assert.StartsWith("Interrupted: 1 done, 0 failed, 0 skipped, 1 not finished. Documents already sent go on at the service, but without --journal they cannot be resumed", run.ErrorLines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_journal_another_run_is_writing_is_a_usage_error()
    {
        _cli.File("a.pdf");
        await using var busy = OcrBatchJournal.Open(Path.Combine(_cli.Directory, "run.journal"));

        var run = await _cli.RunAsync("ocr", "a.pdf", "--journal", "run.journal");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: cannot open the journal 'run.journal' (", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.Empty(_cli.Fake.Enqueues);
    }

    private sealed class InterruptAtFirstPoll(CancellationTokenSource interrupt) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method == HttpMethod.Get && request.RequestUri!.AbsolutePath.Contains("/v2/jobs/", StringComparison.Ordinal))
            {
                interrupt.Cancel();
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
