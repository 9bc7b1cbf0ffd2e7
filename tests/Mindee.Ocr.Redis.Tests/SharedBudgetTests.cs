using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Reflection;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Mindee.Ocr.Harness;
using Mindee.Ocr.Testing;
using Xunit;

namespace Mindee.Ocr.Redis.Tests;

/// <summary>
/// "Past one machine": three processes of samples/Mindee.Ocr.RedisBatch, sharing one API key and
/// so one budget, against one local server that enforces the budget with 429s as the service does.
/// Time is scaled down tenfold: the server's window is 6 s instead of a minute.
/// </summary>
public sealed class SharedBudgetTests
{
    private const int Processes = 3;
    private const int DocumentsPerProcess = 40;

    // Documents in flight per process: enough for one process, started first, to take a whole
    // window's enqueues at once while the others are still starting.
    private const int Concurrency = 32;

    // The server's budget: 30 enqueues and 180 other requests in any 6 s (the service's 200 and
    // 1,200 a minute, at the same 1:6 ratio, in a tenth of the time).
    private const int EnqueueLimit = 30;
    private const int RequestLimit = 180;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(6);

    // What the processes ask Redis for: the same limits over a window 0.4 s longer. Redis counts an
    // enqueue when its lease is taken, the server when the request arrives, a little later and not
    // always as late (two cores shared by three clients, Redis and the server): with the very same
    // window, a slot that Redis frees before the server does draws a 429 (4 in a run here), and a
    // 429 holds a process's enqueues for its Retry-After, up to a whole window. The margin caps the
    // share of the budget at 6/6.4 = 94%.
    private const int SampleEnqueueLimit = EnqueueLimit;
    private const int SampleRequestLimit = RequestLimit;
    private static readonly TimeSpan SampleWindow = TimeSpan.FromSeconds(6.4);

    [Fact]
    public async Task Three_processes_share_one_budget_through_Redis_use_it_whole_and_send_nothing_twice()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var redis = await RedisServer.StartAsync(cancellationToken);
        using var fake = new FakeMindeeService
        {
            EnqueuesPerMinute = EnqueueLimit,
            RequestsPerMinute = RequestLimit,
            RateLimitWindow = Window,
        };
        using var recorder = new AcceptedEnqueues { InnerHandler = fake };
        using var server = LoopbackHttpServer.Handling(recorder);

        var watch = Stopwatch.StartNew();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(120)); // a hang fails with the processes' output, not a stuck run
        // One budget (one Redis key) for the three, as for processes sharing an API key; each its own documents.
        var budget = "test-" + Guid.NewGuid().ToString("N")[..8];
        var runs = Enumerable.Range(0, Processes).Select(p => SampleRun.Start(redis.ConnectionString, server.BaseAddress, $"p{p}", budget)).ToList();
        SampleSummary[] summaries;
        try
        {
            summaries = await Task.WhenAll(runs.Select(run => run.CompletionAsync(deadline.Token)));
        }
        finally
        {
            foreach (var run in runs)
            {
                run.Dispose();
            }
        }

        watch.Stop();

        var enqueues = fake.Enqueues;
        var accepted = recorder.Times;
        // The share of the one enqueue budget the three used: a sliding window of L enqueues per W
        // lets at most L × (1 + T/W) through between the first accepted enqueue and the last, T
        // apart (L at once, then L more for each further window); the measure is the enqueues
        // accepted over that bound.
        var span = accepted.Count > 0 ? accepted[^1] - accepted[0] : TimeSpan.Zero;
        double bound = EnqueueLimit * (1 + (span / Window));
        double used = accepted.Count / bound;
        var figures = $"{accepted.Count} enqueues in {span.TotalSeconds:F2} s (bound {bound:F1}): {used:P1} of the budget; "
            + $"{fake.RateLimited} answered 429; {watch.Elapsed.TotalSeconds:F1} s in all; summaries: {string.Join(" | ", summaries.Select(s => s.Line))}";
        TestContext.Current.TestOutputHelper?.WriteLine(figures);

        Assert.All(summaries, s => Assert.True(s.ExitCode == 0 && s.Succeeded == DocumentsPerProcess && s.Failed == 0 && s.Skipped == 0, $"{s.Line}\n{s.Errors}\n{figures}"));
        Assert.Equal(Processes * DocumentsPerProcess, enqueues.Count);
        Assert.Equal(enqueues.Count, enqueues.Select(e => e.FileName).Distinct(StringComparer.Ordinal).Count()); // none enqueued twice
        Assert.Equal(
            Enumerable.Range(0, Processes).SelectMany(p => Enumerable.Range(0, DocumentsPerProcess).Select(i => $"p{p}-{i:D3}.pdf")).Order(StringComparer.Ordinal),
            enqueues.Select(e => e.FileName!).Order(StringComparer.Ordinal));
        Assert.True(used >= 0.85, $"the three used {used:P1} of the one budget: {figures}");
        // Sharing the budget is what keeps the 429s away: three processes each pacing itself to the
        // whole budget would send three times too much and draw dozens.
        Assert.True(fake.RateLimited <= 3, figures);
    }

    /// <summary>Records when the server accepted each enqueue (202), on one stopwatch.</summary>
    private sealed class AcceptedEnqueues : DelegatingHandler
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly List<TimeSpan> _times = [];

        public IReadOnlyList<TimeSpan> Times
        {
            get
            {
                lock (_times)
                {
                    return [.. _times.Order()];
                }
            }
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (request.Method == HttpMethod.Post && response.StatusCode == HttpStatusCode.Accepted)
            {
                lock (_times)
                {
                    _times.Add(_clock.Elapsed);
                }
            }

            return response;
        }
    }

    /// <summary>One process of the sample, started with <c>dotnet</c> itself (not the build lock's wrapper).</summary>
    private sealed class SampleRun : IDisposable
    {
        private readonly Process _process;
        private readonly Task<string> _output;
        private readonly Task<string> _errors;
        private bool _disposed;

        private SampleRun(Process process)
        {
            _process = process;
            _output = process.StandardOutput.ReadToEndAsync();
            _errors = process.StandardError.ReadToEndAsync();
        }

        public static SampleRun Start(string redis, Uri server, string prefix, string budget)
        {
            var sample = typeof(SharedBudgetTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RedisBatchSample").Value!;
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            string[] args =
            [
                sample, redis, "--synthetic", DocumentsPerProcess.ToString(System.Globalization.CultureInfo.InvariantCulture), "--prefix", prefix,
                "--enqueues", SampleEnqueueLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--requests", SampleRequestLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--window", SampleWindow.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--concurrency", Concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture), "--budget", budget,
            ];
            foreach (var arg in args)
            {
                start.ArgumentList.Add(arg);
            }

            start.Environment[MindeeOcrOptions.ApiKeyEnvironmentVariable] = "shared-test-key";
            start.Environment[MindeeOcrOptions.ModelIdEnvironmentVariable] = "test-model";
            start.Environment[MindeeOcrOptions.BaseAddressEnvironmentVariable] = server.ToString();
            return new SampleRun(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start."));
        }

        public async Task<SampleSummary> CompletionAsync(CancellationToken cancellationToken)
        {
            try
            {
                await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                Dispose();
                Assert.Fail($"the sample did not finish in time. Output: {await _output.ConfigureAwait(false)}\nErrors: {await _errors.ConfigureAwait(false)}");
            }

            var output = await _output.ConfigureAwait(false);
            var errors = await _errors.ConfigureAwait(false);
            var line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? string.Empty;
            try
            {
                using var json = JsonDocument.Parse(line);
                var root = json.RootElement;
                return new SampleSummary(line, _process.ExitCode, root.GetProperty("succeeded").GetInt32(), root.GetProperty("failed").GetInt32(), root.GetProperty("skipped").GetInt32(), errors);
            }
            catch (JsonException)
            {
                Assert.Fail($"the sample (exit {_process.ExitCode}) printed no summary line. Output: {output}\nErrors: {errors}");
                throw;
            }
        }

        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.Dispose();
        }
    }

    private sealed record SampleSummary(string Line, int ExitCode, int Succeeded, int Failed, int Skipped, string Errors);
}
