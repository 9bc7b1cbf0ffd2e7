using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Mindee.Ocr.Tests.TestSupport;
using Xunit;
using static Mindee.Ocr.Tests.TestSupport.MockService;

namespace Mindee.Ocr.Tests;

[CollectionDefinition(nameof(RunsAlone), DisableParallelization = true)]
public sealed class RunsAlone;

/// <summary>
/// Activities, metrics and logs, as OpenTelemetry would see them. Run alone: listeners are
/// process-wide, and other tests' measurements must not mix in.
/// </summary>
[Collection(nameof(RunsAlone))]
public sealed class TelemetryTests : IDisposable
{
    private readonly MockService _service = Start();
    private readonly ConcurrentBag<Activity> _activities = [];
    private readonly ConcurrentBag<(string Instrument, double Value, Dictionary<string, object?> Tags)> _measurements = [];
    private readonly ActivityListener _activityListener;
    private readonly MeterListener _meterListener = new();

    public TelemetryTests()
    {
        _activityListener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Mindee.Ocr",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _activities.Add,
        };
        ActivitySource.AddActivityListener(_activityListener);
        _meterListener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Mindee.Ocr")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meterListener.SetMeasurementEventCallback<double>((i, v, tags, _) => _measurements.Add((i.Name, v, tags.ToArray().ToDictionary(t => t.Key, t => t.Value))));
        _meterListener.SetMeasurementEventCallback<long>((i, v, tags, _) => _measurements.Add((i.Name, v, tags.ToArray().ToDictionary(t => t.Key, t => t.Value))));
        _meterListener.Start();
    }

    public void Dispose()
    {
        _activityListener.Dispose();
        _meterListener.Dispose();
        _service.Dispose();
    }

    [Fact]
    public async Task An_enqueue_and_wait_is_traced_measured_and_logged_without_the_key()
    {
        _service.Stub("POST", EnqueuePath, 202, _service.JobJson("job-processing.json"));
        _service.StubSequence("GET", JobPath(),
            Json(200, _service.JobJson("job-processing.json")),
            Status(503),
            Json(200, _service.JobJson("job-processed.json")));
        _service.Stub("GET", ResultPath(), 200, Fixture.Text("result-1-page.json"));
        var logs = new FakeLogCollector();
        using var loggerFactory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(logs)));
        var client = _service.CreateClient(loggerFactory: loggerFactory);

        await _service.Clock.RunAsync(client.EnqueueAndWaitAsync(OcrInput.FromBytes(Documents.Pdf(), "a.pdf"), cancellationToken: TestContext.Current.CancellationToken));

        var outer = Assert.Single(_activities, a => a.OperationName == "Mindee.Ocr.EnqueueAndWait");
        Assert.Equal(Fixture.JobId, outer.GetTagItem("mindee.job.id"));
        Assert.Equal("Processed", outer.GetTagItem("mindee.job.status"));
        Assert.Equal(3, outer.GetTagItem("mindee.job.polls"));
        Assert.Equal(1, outer.GetTagItem("mindee.retry_count"));
        var enqueue = Assert.Single(_activities, a => a.OperationName == "Mindee.Ocr.Enqueue");
        Assert.Equal(outer.SpanId, enqueue.ParentSpanId);

        var requests = _measurements.Where(m => m.Instrument == "mindee.ocr.request.duration").ToList();
        Assert.Equal(5, requests.Count); // enqueue, three polls, the result
        Assert.Equal(3, requests.Count(m => (string?)m.Tags["mindee.operation"] == "job"));
        Assert.Contains(requests, m => m.Tags["http.response.status_code"] is 503);
        Assert.Equal(3, _measurements.Where(m => m.Instrument == "mindee.ocr.job.polls").Sum(m => m.Value));
        var job = Assert.Single(_measurements, m => m.Instrument == "mindee.ocr.job.duration");
        Assert.Equal("processed", job.Tags["mindee.outcome"]);
        Assert.True(job.Value > 2, "the fake clock's time is measured");

        var records = logs.GetSnapshot();
        Assert.Contains(records, r => r.Level == LogLevel.Warning && r.Message.Contains("503", StringComparison.Ordinal));
        Assert.Contains(records, r => r.Level == LogLevel.Information && r.Message.Contains("enqueued", StringComparison.Ordinal));
        Assert.All(records, r => Assert.DoesNotContain(ApiKey, r.Message + r.Exception + string.Join(",", r.StructuredState ?? []), StringComparison.Ordinal));
        Assert.All(_activities, a => Assert.DoesNotContain(a.Tags, t => t.Value?.Contains(ApiKey, StringComparison.Ordinal) == true));
    }

    [Fact]
    public async Task A_failing_call_marks_its_activity_with_the_error_type()
    {
        _service.Stub("GET", ResultPath(), 404, Fixture.Text("problem-404.json"));
        var client = _service.CreateClient();

        await Assert.ThrowsAsync<MindeeOcrApiException>(() => client.GetResultAsync(Fixture.JobId, TestContext.Current.CancellationToken));

        var activity = Assert.Single(_activities, a => a.OperationName == "Mindee.Ocr.GetResult");
        Assert.Equal(ActivityStatusCode.Error, activity.Status);
        Assert.Equal(typeof(MindeeOcrApiException).FullName, activity.GetTagItem("error.type"));
        Assert.DoesNotContain(ApiKey, activity.StatusDescription ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public void Duration_histograms_advise_buckets_in_seconds_that_fit_requests_and_jobs()
    {
        // Defect 12: the default buckets (0, 5, 10, 25 … 10,000) are made for milliseconds: every
        // duration in seconds fell into the first one or two.
        var advised = new Dictionary<string, IReadOnlyList<double>>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Name == "Mindee.Ocr" && instrument is Histogram<double> { Advice.HistogramBucketBoundaries: { } boundaries })
                {
                    lock (advised)
                    {
                        advised[instrument.Name] = boundaries;
                    }
                }
            },
        };
        listener.Start();

        var request = advised["mindee.ocr.request.duration"];
        var job = advised["mindee.ocr.job.duration"];
        Assert.True(request[0] <= 0.01 && request[^1] >= 600, string.Join(", ", request));
        Assert.True(job[0] <= 1 && job[^1] >= 590, string.Join(", ", job));
        Assert.True(request.Count(b => b < 1) >= 5, "tens and hundreds of milliseconds are told apart");
        Assert.True(job.Count(b => b is >= 1 and <= 120) >= 8, "jobs up to two minutes, most of them, are told apart");
    }
}
