using System;
using System.Globalization;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Mindee.Ocr.Tests.TestSupport;
using Xunit;
using static Mindee.Ocr.Tests.TestSupport.MockService;

namespace Mindee.Ocr.Tests;

/// <summary>GETs are retried on network errors, 408, 429 and 5xx, on the client's clock.</summary>
public sealed class RetryTests : IDisposable
{
    private readonly MockService _service = Start();

    public void Dispose() => _service.Dispose();

    [Fact]
    public async Task A_503_then_a_200_succeeds_after_one_backoff()
    {
        _service.StubSequence("GET", JobPath(), Status(503), Json(200, _service.JobJson("job-processing.json")));
        var client = _service.CreateClient(o => { o.RetryBaseDelay = TimeSpan.FromSeconds(2); });

        var job = await _service.Clock.RunAsync(client.GetJobAsync(Fixture.JobId, TestContext.Current.CancellationToken));

        Assert.Equal(JobStatus.Processing, job.Status);
        Assert.Equal(2, _service.Requests.Count);
        // 2 s ± 20% jitter.
        Assert.InRange(_service.Clock.Advanced, TimeSpan.FromSeconds(1.6), TimeSpan.FromSeconds(2.4));
    }

    [Theory]
    [InlineData(408)]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(504)]
    public async Task Transient_statuses_are_retried(int status)
    {
        _service.StubSequence("GET", ResultPath(), Status(status), Json(200, Fixture.Text("result-1-page.json")));
        var client = _service.CreateClient();

        var result = await _service.Clock.RunAsync(client.GetResultAsync(Fixture.JobId, TestContext.Current.CancellationToken));

        Assert.Equal("Total 42.00", result.Result.Pages[0].Content);
        Assert.Equal(2, _service.Requests.Count);
    }

    [Fact]
    public async Task Retry_after_in_seconds_is_the_floor_of_the_delay()
    {
        _service.StubSequence("GET", JobPath(), Json(429, Fixture.Text("problem-429.json"), ("Retry-After", "7")), Json(200, _service.JobJson("job-processing.json")));
        var client = _service.CreateClient(o => o.RetryBaseDelay = TimeSpan.FromMilliseconds(100));

        await _service.Clock.RunAsync(client.GetJobAsync(Fixture.JobId, TestContext.Current.CancellationToken));

        Assert.Equal(TimeSpan.FromSeconds(7), _service.Clock.Advanced);
    }

    [Fact]
    public async Task Retry_after_as_an_http_date_is_measured_on_the_clients_clock()
    {
        var date = _service.Clock.GetUtcNow().AddSeconds(12).ToString("R", CultureInfo.InvariantCulture);
        _service.StubSequence("GET", JobPath(), Json(503, Fixture.Text("problem-500.json"), ("Retry-After", date)), Json(200, _service.JobJson("job-processing.json")));
        var client = _service.CreateClient(o => o.RetryBaseDelay = TimeSpan.FromMilliseconds(100));

        await _service.Clock.RunAsync(client.GetJobAsync(Fixture.JobId, TestContext.Current.CancellationToken));

        Assert.Equal(TimeSpan.FromSeconds(12), _service.Clock.Advanced);
    }

    [Fact]
    public async Task A_retry_after_longer_than_the_longest_retry_delay_is_handed_to_the_caller()
    {
        _service.Stub("GET", JobPath(), 429, Fixture.Text("problem-429.json"), headers: ("Retry-After", "3600"));
        var client = _service.CreateClient();

        var ex = await Assert.ThrowsAsync<MindeeOcrApiException>(() => _service.Clock.RunAsync(client.GetJobAsync(Fixture.JobId, TestContext.Current.CancellationToken)));

        Assert.Equal(429, ex.Status);
        Assert.Equal(TimeSpan.FromHours(1), ex.RetryAfter);
        Assert.Single(_service.Requests);
    }

    [Fact]
    public async Task Persistent_5xx_gives_up_after_the_configured_attempts_with_the_last_status()
    {
        _service.Stub("GET", ResultPath(), 500, Fixture.Text("problem-500.json"));
        var client = _service.CreateClient(o => o.MaxRetryAttempts = 2);

        var ex = await Assert.ThrowsAsync<MindeeOcrApiException>(() => _service.Clock.RunAsync(client.GetResultAsync(Fixture.JobId, TestContext.Current.CancellationToken)));

        Assert.Equal(500, ex.Status);
        Assert.Equal(3, _service.Requests.Count);
    }

    [Fact]
    public async Task Backoff_grows_exponentially()
    {
        _service.Stub("GET", ResultPath(), 503);
        var client = _service.CreateClient(o => { o.MaxRetryAttempts = 3; o.RetryBaseDelay = TimeSpan.FromSeconds(1); });

        var call = client.GetResultAsync(Fixture.JobId, TestContext.Current.CancellationToken);
        var waits = new TimeSpan[3];
        for (int i = 0; i < 3; i++)
        {
            waits[i] = await _service.Clock.NextWaitAsync();
            _service.Clock.Advance(waits[i]);
        }

        await Assert.ThrowsAsync<MindeeOcrApiException>(() => call);
        Assert.InRange(waits[0].TotalSeconds, 0.8, 1.2);
        Assert.InRange(waits[1].TotalSeconds, 1.6, 2.4);
        Assert.InRange(waits[2].TotalSeconds, 3.2, 4.8);
    }

    [Fact]
    public async Task Jitter_never_takes_a_delay_past_the_longest_retry_delay()
    {
        _service.StubSequence("GET", JobPath(), Status(503), Json(200, _service.JobJson("job-processing.json")));
        var client = _service.CreateClient(o => { o.RetryBaseDelay = TimeSpan.FromSeconds(2); o.RetryMaxDelay = TimeSpan.FromSeconds(2); o.Randomizer = () => 0.999; });

        await _service.Clock.RunAsync(client.GetJobAsync(Fixture.JobId, TestContext.Current.CancellationToken));

        Assert.Equal(TimeSpan.FromSeconds(2), _service.Clock.Advanced); // not 2.4 s
    }

    [Fact]
    public async Task A_404_on_a_result_is_never_retried()
    {
        _service.Stub("GET", ResultPath(), 404, Fixture.Text("problem-404.json"));
        var client = _service.CreateClient();

        var ex = await Assert.ThrowsAsync<MindeeOcrApiException>(() => client.GetResultAsync(Fixture.JobId, TestContext.Current.CancellationToken));

        Assert.Equal(404, ex.Status);
        Assert.Single(_service.Requests);
    }

    [Fact]
    public async Task A_refused_connection_is_retried_then_reported()
    {
        var port = FreePort();
        var client = new MindeeOcrClient(NewHttpClient(), _service.Options(o => { o.BaseAddress = new Uri($"http://127.0.0.1:{port}/"); o.MaxRetryAttempts = 2; }), _service.Clock);

        var ex = await Assert.ThrowsAsync<MindeeOcrException>(() => _service.Clock.RunAsync(client.GetJobAsync(Fixture.JobId, TestContext.Current.CancellationToken)));

        Assert.IsType<System.Net.Http.HttpRequestException>(ex.InnerException);
        Assert.True(_service.Clock.Advanced > TimeSpan.FromSeconds(2), "two backoffs were waited");
    }

    [Fact]
    public async Task A_retry_is_logged_once_with_its_request_and_the_reason_without_the_request_again()
    {
        _service.StubSequence("GET", JobPath(), Json(429, Fixture.Text("problem-429.json"), ("Retry-After", "2")), Json(200, _service.JobJson("job-processing.json")));
        var logs = new FakeLogCollector();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(new FakeLoggerProvider(logs)));
        var client = _service.CreateClient(loggerFactory: loggerFactory);

        await _service.Clock.RunAsync(client.GetJobAsync(Fixture.JobId, TestContext.Current.CancellationToken));

        var line = Assert.Single(logs.GetSnapshot(), r => r.Message.Contains("tried again", StringComparison.Ordinal)).Message;
        Assert.StartsWith($"GET /v2/jobs/{Fixture.JobId} will be tried again in 2000 ms (retry 1): 429 (429-001)", line, StringComparison.Ordinal);
        Assert.Equal(1, CountOf("/v2/jobs/", line));
    }

    private static int CountOf(string part, string text) => (text.Length - text.Replace(part, string.Empty, StringComparison.Ordinal).Length) / part.Length;
}
