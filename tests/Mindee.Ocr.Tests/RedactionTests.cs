using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Mindee.Ocr.Tests.TestSupport;
using Xunit;
using static Mindee.Ocr.Tests.TestSupport.MockService;

namespace Mindee.Ocr.Tests;

/// <summary>
/// Defect 8: a server (or a proxy) that echoes the API key in what it sends back cannot make the
/// client reveal it: not in a message, a ToString(), a log line, or a trace. Run alone: the
/// activity listener is process-wide.
/// </summary>
[Collection(nameof(RunsAlone))]
public sealed class RedactionTests : IDisposable
{
    private static readonly string EchoingProblem =
        $$"""{"status":429,"title":"Slow down, {{ApiKey}}","code":"429-001","detail":"Key {{ApiKey}} is over its limit","errors":[{"pointer":"#/{{ApiKey}}","detail":"{{ApiKey}} again"}]}""";

    private readonly MockService _service = Start();
    private readonly FakeLogCollector _logs = new();
    private readonly ILoggerFactory _loggerFactory;
    private readonly ConcurrentBag<Activity> _activities = [];
    private readonly ActivityListener _listener;

    public RedactionTests()
    {
        _loggerFactory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(_logs)));
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Mindee.Ocr",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _activities.Add,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose()
    {
        _listener.Dispose();
        _loggerFactory.Dispose();
        _service.Dispose();
    }

    [Fact]
    public async Task A_problem_that_echoes_the_key_is_redacted_in_the_exception_the_retry_log_and_the_trace()
    {
        _service.Stub("GET", ResultPath(), 429, EchoingProblem, "application/problem+json", ("Retry-After", "1"));
        var client = _service.CreateClient(o => o.MaxRetryAttempts = 1, _loggerFactory);

        var ex = await Assert.ThrowsAsync<MindeeOcrApiException>(() => _service.Clock.RunAsync(client.GetResultAsync(Fixture.JobId, TestContext.Current.CancellationToken)));

        Assert.Equal(2, _service.Requests.Count); // retried once: the retry line was logged
        Assert.Contains("[redacted]", ex.Message, StringComparison.Ordinal);
        AssertNoKey(ex.ToString(), ex.Title, ex.Detail, ex.Problem?.ToString(), string.Join(" ", ex.Errors.Select(e => e.ToString())));
        Assert.Contains(_logs.GetSnapshot(), r => r.Level == LogLevel.Warning && r.Message.Contains("tried again", StringComparison.Ordinal));
        AssertNothingLoggedOrTracedTheKey();
    }

    [Fact]
    public async Task A_failed_job_whose_error_echoes_the_key_is_redacted()
    {
        var failed = _service.JobJson("job-failed.json").Replace("Unreadable document", "Unreadable for " + ApiKey, StringComparison.Ordinal)
            .Replace("\"webhooks\": []", $"\"webhooks\": [{{\"id\": \"w\", \"status\": \"Failed\", \"attempts_count\": 1, \"error\": {{\"status\": 500, \"title\": \"{ApiKey}\"}}}}]", StringComparison.Ordinal);
        Assert.Contains("\"error\": {\"status\": 500", failed, StringComparison.Ordinal);
        _service.Stub("GET", JobPath(), 200, failed);
        var client = _service.CreateClient(loggerFactory: _loggerFactory);

        var ex = await Assert.ThrowsAsync<MindeeOcrJobFailedException>(() => _service.Clock.RunAsync(client.WaitForResultAsync(Fixture.JobId, TestContext.Current.CancellationToken)));

        Assert.Contains("Unreadable for [redacted]", ex.Message, StringComparison.Ordinal);
        AssertNoKey(ex.ToString(), ex.Problem?.ToString());
        var job = await client.GetJobAsync(Fixture.JobId, TestContext.Current.CancellationToken);
        Assert.Equal("[redacted]", job.Webhooks.Single().Error?.Title);
        AssertNoKey(job.ToString(), job.Webhooks.Single().ToString());
        AssertNothingLoggedOrTracedTheKey();
    }

    private void AssertNothingLoggedOrTracedTheKey()
    {
        Assert.All(_logs.GetSnapshot(), r => AssertNoKey(r.Message, r.Exception?.ToString(), string.Join(",", r.StructuredState ?? [])));
        Assert.NotEmpty(_activities);
        Assert.All(_activities, a => AssertNoKey(a.StatusDescription, string.Join(",", a.Tags.Select(t => t.Value))));
    }

    private static void AssertNoKey(params string?[] texts)
    {
        foreach (var text in texts)
        {
            Assert.DoesNotContain(ApiKey, text ?? string.Empty, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("result_url")]
    [InlineData("Location")]
    public async Task A_url_elsewhere_that_carries_the_key_as_credentials_is_refused_without_it(string where)
    {
        var url = $"https://{ApiKey}@elsewhere.example.com/v2/products/ocr/results/{Fixture.JobId}";
        if (where == "Location")
        {
            _service.Stub("GET", JobPath(), 302, headers: ("Location", url));
        }
        else
        {
            _service.Stub("GET", JobPath(), 200, _service.JobJson("job-processed.json").Replace(_service.BaseAddress + "v2/products/ocr/results/" + Fixture.JobId, url, StringComparison.Ordinal));
        }

        var client = _service.CreateClient(loggerFactory: _loggerFactory);

        var ex = await Assert.ThrowsAsync<MindeeOcrException>(() => _service.Clock.RunAsync(client.WaitForResultAsync(Fixture.JobId, TestContext.Current.CancellationToken)));

        Assert.Equal(MindeeOcrFailureKind.OriginRefused, ex.Kind);
        Assert.Contains("another origin (https://elsewhere.example.com)", ex.Message, StringComparison.Ordinal);
        AssertNoKey(ex.ToString());
        AssertNothingLoggedOrTracedTheKey();
    }

    [Fact]
    public async Task A_json_error_whose_path_names_a_property_after_the_key_is_redacted()
    {
        // Past 64 levels of nesting, the reader's error names the path, made of the body's own names.
        var deep = new string('[', 200) + new string(']', 200);
        var json = _service.JobJson("job-processing.json").Replace("\"job\": {", "\"job\": {\"" + ApiKey + "\": " + deep + ",", StringComparison.Ordinal);
        Assert.Contains(ApiKey, Assert.Throws<MindeeOcrException>(() => MindeeOcrJson.DeserializeJob(System.Text.Encoding.UTF8.GetBytes(json))).ToString(), StringComparison.Ordinal);
        _service.Stub("GET", JobPath(), 200, json);
        var client = _service.CreateClient(loggerFactory: _loggerFactory);

        var ex = await Assert.ThrowsAsync<MindeeOcrException>(() => client.GetJobAsync(Fixture.JobId, TestContext.Current.CancellationToken));

        Assert.Equal(MindeeOcrFailureKind.UnreadableBody, ex.Kind);
        AssertNoKey(ex.ToString());
        AssertNothingLoggedOrTracedTheKey();
    }

    [Fact]
    public async Task An_enqueue_answer_that_echoes_the_key_as_its_job_id_is_refused_without_it()
    {
        _service.Stub("POST", EnqueuePath, 202, _service.JobJson("job-processing.json").Replace(Fixture.JobId, ApiKey, StringComparison.Ordinal));
        var client = _service.CreateClient(loggerFactory: _loggerFactory);

        var ex = await Assert.ThrowsAsync<MindeeOcrException>(() => client.EnqueueAndWaitAsync(OcrInput.FromBytes(Documents.Pdf(), "a.pdf"), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(MindeeOcrFailureKind.UnexpectedAnswer, ex.Kind);
        AssertNoKey(ex.ToString());
        AssertNothingLoggedOrTracedTheKey();
    }
}
