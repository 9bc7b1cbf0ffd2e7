using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Mindee.Ocr.Tests.TestSupport;
using Xunit;
using static Mindee.Ocr.Tests.TestSupport.MockService;

namespace Mindee.Ocr.Tests;

/// <summary>WaitForResultAsync and EnqueueAndWaitAsync on the fake clock.</summary>
public sealed class WaitTests : IDisposable
{
    private readonly MockService _service = Start();

    public void Dispose() => _service.Dispose();

    private int Polls => _service.Requests.Count(r => r.RequestMessage.Path.StartsWith("/v2/jobs/", StringComparison.Ordinal));

    [Fact]
    public async Task Processing_twice_then_a_302_with_a_body_gives_the_result_on_the_exact_schedule()
    {
        _service.StubSequence("GET", JobPath(),
            Json(200, _service.JobJson("job-processing.json")),
            Json(200, _service.JobJson("job-processing.json")),
            Json(302, _service.JobJson("job-processed.json"), ("Location", _service.BaseAddress + "v2/products/ocr/results/" + Fixture.JobId)));
        _service.Stub("GET", ResultPath(), 200, Fixture.Text("result-3-pages.json"));
        _service.Stub("POST", EnqueuePath, 202, _service.JobJson("job-processing.json"));
        var client = _service.CreateClient(o => o.Randomizer = () => 0.5); // jitter pinned to none
        var waits = new System.Collections.Generic.List<TimeSpan>();

        var call = client.EnqueueAndWaitAsync(OcrInput.FromBytes(Documents.Pdf(), "a.pdf"), cancellationToken: TestContext.Current.CancellationToken);
        while (!call.IsCompleted && waits.Count < 3)
        {
            waits.Add(await _service.Clock.NextWaitAsync());
            _service.Clock.Advance(waits[^1]);
        }

        var result = await call;
        Assert.Equal(1100, result.Result.Pages.Sum(p => p.Words.Count));
        Assert.Equal(3, Polls);
        Assert.All(_service.Requests, r => Assert.Equal(ApiKey, r.RequestMessage.Headers!["Authorization"].Single()));
        // First poll at 2.25 s, then 1.75 s, then 1.75 × 1.2.
        Assert.Equal([TimeSpan.FromSeconds(2.25), TimeSpan.FromSeconds(1.75), TimeSpan.FromSeconds(2.1)], waits);
    }

    [Fact]
    public async Task A_302_without_a_body_is_followed_by_the_client_to_its_location()
    {
        _service.StubSequence("GET", JobPath(),
            Json(200, _service.JobJson("job-processing.json")),
            Status(302, ("Location", _service.BaseAddress + "v2/inferences/" + Fixture.JobId)));
        _service.Stub("GET", "/v2/inferences/" + Fixture.JobId, 200, Fixture.Text("result-1-page.json"));
        var client = _service.CreateClient();

        var result = await _service.Clock.RunAsync(client.WaitForResultAsync(Fixture.JobId, TestContext.Current.CancellationToken));

        Assert.Equal("Total 42.00", result.Result.Pages.Single().Content);
        var last = _service.Requests[^1].RequestMessage;
        Assert.Equal("/v2/inferences/" + Fixture.JobId, last.Path);
        Assert.Equal(ApiKey, last.Headers!["Authorization"].Single());
    }

    [Fact]
    public async Task A_failed_job_throws_with_its_id_and_problem()
    {
        _service.StubSequence("GET", JobPath(), Json(200, _service.JobJson("job-processing.json")), Json(200, _service.JobJson("job-failed.json")));
        var client = _service.CreateClient();

        var ex = await Assert.ThrowsAsync<MindeeOcrJobFailedException>(() => _service.Clock.RunAsync(client.WaitForResultAsync(Fixture.JobId, TestContext.Current.CancellationToken)));

        Assert.Equal(Fixture.JobId, ex.JobId);
        Assert.Equal("422-102", ex.Problem?.Code);
        Assert.Contains("Unreadable document", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, Polls);
    }

    [Fact]
    public async Task A_job_that_never_finishes_times_out_no_earlier_than_590_s_with_its_id()
    {
        _service.Stub("GET", JobPath(), 200, _service.JobJson("job-processing.json"));
        var client = _service.CreateClient();

        var ex = await Assert.ThrowsAsync<MindeeOcrTimeoutException>(() => _service.Clock.RunAsync(client.WaitForResultAsync(Fixture.JobId, TestContext.Current.CancellationToken)));

        Assert.Equal(Fixture.JobId, ex.JobId);
        Assert.True(ex.Elapsed >= TimeSpan.FromSeconds(590), $"gave up after {ex.Elapsed}");
        Assert.Equal(TimeSpan.FromMinutes(10), ex.Elapsed);
        // Mindee's own SDK polls every 1.5 s: about 400 polls for 600 s. Ours grows its intervals.
        Assert.InRange(Polls, 60, 120);
    }

    [Fact]
    public async Task Retry_after_on_a_poll_is_the_floor_of_the_next_wait()
    {
        _service.StubSequence("GET", JobPath(),
            Json(429, Fixture.Text("problem-429.json"), ("Retry-After", "30")),
            Json(200, _service.JobJson("job-processed.json")));
        _service.Stub("GET", ResultPath(), 200, Fixture.Text("result-1-page.json"));
        var client = _service.CreateClient();

        await _service.Clock.RunAsync(client.WaitForResultAsync(Fixture.JobId, TestContext.Current.CancellationToken));

        // One wait only, exactly the Retry-After (the schedule alone would have said about 1.75 s).
        Assert.Equal(TimeSpan.FromSeconds(30), _service.Clock.Advanced);
        Assert.Equal(2, Polls);
    }

    [Fact]
    public async Task Retry_after_on_a_200_poll_is_honoured_too()
    {
        _service.StubSequence("GET", JobPath(),
            Json(200, _service.JobJson("job-processing.json"), ("Retry-After", "12")),
            Json(200, _service.JobJson("job-processed.json")));
        _service.Stub("GET", ResultPath(), 200, Fixture.Text("result-1-page.json"));
        var client = _service.CreateClient();

        await _service.Clock.RunAsync(client.WaitForResultAsync(Fixture.JobId, TestContext.Current.CancellationToken));

        Assert.Equal(TimeSpan.FromSeconds(12), _service.Clock.Advanced);
    }

    [Fact]
    public async Task A_503_or_a_gateway_page_in_the_middle_does_not_end_the_wait()
    {
        _service.StubSequence("GET", JobPath(),
            Json(200, _service.JobJson("job-processing.json")),
            Status(503),
            r => r.WithStatusCode(502).WithHeader("Content-Type", "text/html").WithBody(Fixture.Text("gateway-502.html")),
            Json(200, "{\"job\": {\"id\": "),
            Json(200, _service.JobJson("job-processed.json")));
        _service.Stub("GET", ResultPath(), 200, Fixture.Text("result-1-page.json"));
        var client = _service.CreateClient();

        var result = await _service.Clock.RunAsync(client.WaitForResultAsync(Fixture.JobId, TestContext.Current.CancellationToken));

        Assert.Equal("receipt.jpg", result.File.Name);
        Assert.Equal(5, Polls);
    }

    [Theory]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    public async Task An_auth_or_not_found_error_ends_the_wait_at_once(int status)
    {
        _service.Stub("GET", JobPath(), status, Fixture.Text(status == 403 ? "problem-401.json" : $"problem-{status}.json"));
        var client = _service.CreateClient();

        var ex = await Assert.ThrowsAsync<MindeeOcrApiException>(() => _service.Clock.RunAsync(client.WaitForResultAsync(Fixture.JobId, TestContext.Current.CancellationToken)));

        Assert.Equal(status, ex.Status);
        Assert.Equal(1, Polls);
    }

    [Fact]
    public async Task Cancelling_mid_wait_stops_at_once_and_carries_the_job_id()
    {
        _service.Stub("POST", EnqueuePath, 202, _service.JobJson("job-processing.json"));
        _service.Stub("GET", JobPath(), 200, _service.JobJson("job-processing.json"));
        var client = _service.CreateClient();
        using var cts = new CancellationTokenSource();

        var call = client.EnqueueAndWaitAsync(OcrInput.FromBytes(Documents.Pdf(), "a.pdf"), cancellationToken: cts.Token);
        _service.Clock.Advance(await _service.Clock.NextWaitAsync()); // the initial delay
        await _service.Clock.NextWaitAsync();                            // waiting for the second poll
        await cts.CancelAsync();                                          // no time advanced: it must stop now

        var ex = await Assert.ThrowsAsync<MindeeOcrWaitCanceledException>(() => call);
        Assert.Equal(Fixture.JobId, ex.JobId);
        Assert.Equal(cts.Token, ex.CancellationToken);
        Assert.Contains("WaitForResultAsync", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, Polls);
    }

    [Fact]
    public async Task Cancelling_before_the_enqueue_is_a_plain_cancellation()
    {
        var client = _service.CreateClient();
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.EnqueueAndWaitAsync(OcrInput.FromBytes(Documents.Pdf(), "a.pdf"), cancellationToken: cts.Token));

        Assert.IsNotType<MindeeOcrWaitCanceledException>(ex);
    }

    [Fact]
    public async Task A_timed_out_wait_can_be_resumed_by_id()
    {
        _service.StubSequence("GET", JobPath(),
            Json(200, _service.JobJson("job-processing.json")),
            Json(200, _service.JobJson("job-processing.json")),
            Json(200, _service.JobJson("job-processed.json")));
        _service.Stub("GET", ResultPath(), 200, Fixture.Text("result-1-page.json"));
        var impatient = _service.CreateClient(o => o.Polling.Timeout = TimeSpan.FromSeconds(1));

        var timeout = await Assert.ThrowsAsync<MindeeOcrTimeoutException>(() => _service.Clock.RunAsync(impatient.WaitForResultAsync(Fixture.JobId, TestContext.Current.CancellationToken)));
        var resumed = await _service.Clock.RunAsync(_service.CreateClient().WaitForResultAsync(timeout.JobId, TestContext.Current.CancellationToken));

        Assert.Equal(Fixture.JobId, resumed.Id);
        Assert.Equal(TimeSpan.FromSeconds(1), timeout.Elapsed); // the last poll happens at the deadline
        Assert.Equal(3, Polls);
    }

    [Fact]
    public async Task An_unknown_status_keeps_being_polled_with_a_warning()
    {
        _service.StubSequence("GET", JobPath(), Json(200, _service.JobJson("job-unknown-status.json")), Json(200, _service.JobJson("job-processed.json")));
        _service.Stub("GET", ResultPath(), 200, Fixture.Text("result-1-page.json"));
        var logs = new FakeLogCollector();
        using var loggerFactory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(new FakeLoggerProvider(logs)));
        var client = _service.CreateClient(loggerFactory: loggerFactory);

        await _service.Clock.RunAsync(client.WaitForResultAsync(Fixture.JobId, TestContext.Current.CancellationToken));

        Assert.Equal(2, Polls);
        Assert.Contains(logs.GetSnapshot(), r => r.Level == LogLevel.Warning && r.Message.Contains("does not know", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Each_poll_is_logged_with_the_time_to_the_next_and_no_secret()
    {
        _service.StubSequence("GET", JobPath(), Json(200, _service.JobJson("job-processing.json")), Json(200, _service.JobJson("job-processed.json")));
        _service.Stub("GET", ResultPath(), 200, Fixture.Text("result-1-page.json"));
        var logs = new FakeLogCollector();
        using var loggerFactory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(logs)));
        var client = _service.CreateClient(loggerFactory: loggerFactory);

        await _service.Clock.RunAsync(client.WaitForResultAsync(Fixture.JobId, TestContext.Current.CancellationToken));

        var records = logs.GetSnapshot();
        Assert.Contains(records, r => r.Level == LogLevel.Debug && r.Message.StartsWith($"Job {Fixture.JobId} is Processing; next poll in", StringComparison.Ordinal));
        Assert.Contains(records, r => r.Level == LogLevel.Information && r.Message.StartsWith($"Job {Fixture.JobId} processed", StringComparison.Ordinal));
        Assert.Contains(records, r => r.Level == LogLevel.Debug && r.Message.StartsWith("GET /v2/jobs/", StringComparison.Ordinal));
        Assert.All(records, r => Assert.DoesNotContain(ApiKey, r.Message + r.Exception, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_job_seen_processed_at_the_first_poll_logs_one_poll_not_one_polls()
    {
        _service.Stub("GET", JobPath(), 200, _service.JobJson("job-processed.json"));
        _service.Stub("GET", ResultPath(), 200, Fixture.Text("result-1-page.json"));
        var logs = new FakeLogCollector();
        using var loggerFactory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Information).AddProvider(new FakeLoggerProvider(logs)));
        var client = _service.CreateClient(loggerFactory: loggerFactory);

        await client.WaitForResultAsync(Fixture.JobId, TestContext.Current.CancellationToken);

        var processed = Assert.Single(logs.GetSnapshot(), r => r.Message.StartsWith($"Job {Fixture.JobId} processed", StringComparison.Ordinal));
        Assert.EndsWith(" and 1 poll", processed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deadline_shorter_than_the_initial_delay_still_gets_its_one_poll_at_the_deadline()
    {
        _service.Stub("POST", EnqueuePath, 202, _service.JobJson("job-processing.json"));
        _service.Stub("GET", JobPath(), 200, _service.JobJson("job-processing.json"));
        var client = _service.CreateClient(o => o.Polling.Timeout = TimeSpan.FromSeconds(1));

        var ex = await Assert.ThrowsAsync<MindeeOcrTimeoutException>(() => _service.Clock.RunAsync(client.EnqueueAndWaitAsync(OcrInput.FromBytes(Documents.Pdf(), "a.pdf"), cancellationToken: TestContext.Current.CancellationToken)));

        Assert.Equal(TimeSpan.FromSeconds(1), ex.Elapsed);
        Assert.Equal(1, Polls);
    }

    [Fact]
    public async Task A_stalled_poll_ends_at_the_waits_deadline_not_at_its_request_timeout()
    {
        using var silent = Mindee.Ocr.Harness.LoopbackHttpServer.Silent();
        var client = _service.CreateClient(o => { o.BaseAddress = silent.BaseAddress; o.RequestTimeout = TimeSpan.FromSeconds(60); o.Polling.Timeout = TimeSpan.FromSeconds(10); });
        _service.Clock.RequestTimeoutThreshold = TimeSpan.FromSeconds(61); // the clock moves to the poll's timeout

        var ex = await Assert.ThrowsAsync<MindeeOcrTimeoutException>(() => _service.Clock.RunAsync(client.WaitForResultAsync(Fixture.JobId, TestContext.Current.CancellationToken)));

        Assert.Equal(Fixture.JobId, ex.JobId);
        Assert.Equal(TimeSpan.FromSeconds(10), ex.Elapsed);
        Assert.Equal(MindeeOcrFailureKind.Timeout, Assert.IsType<MindeeOcrException>(ex.InnerException).Kind);
    }
}
