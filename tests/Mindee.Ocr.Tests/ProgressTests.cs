using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Mindee.Ocr.Harness;
using Mindee.Ocr.Tests.TestSupport;
using Xunit;
using static Mindee.Ocr.Tests.TestSupport.MockService;

namespace Mindee.Ocr.Tests;

/// <summary>WaitOptions: a call's own progress and deadline, against a real loopback server on the test clock.</summary>
public sealed class ProgressTests : IDisposable
{
    private readonly MockService _service = Start();

    public void Dispose() => _service.Dispose();

    private int Polls => _service.Requests.Count(r => r.RequestMessage.Path.StartsWith("/v2/jobs/", StringComparison.Ordinal));

    private void StubJobProcessedAtThirdPoll()
    {
        _service.Stub("POST", EnqueuePath, 202, _service.JobJson("job-processing.json"));
        _service.StubSequence("GET", JobPath(),
            Json(200, _service.JobJson("job-processing.json")),
            Json(200, _service.JobJson("job-processing.json")),
            Json(200, _service.JobJson("job-processed.json")));
        _service.Stub("GET", ResultPath(), 200, Fixture.Text("result-1-page.json"));
    }

    [Fact]
    public async Task Progress_goes_through_the_stages_in_order_and_its_bytes_end_at_the_files_size()
    {
        StubJobProcessedAtThirdPoll();
        var path = Path.Combine(Path.GetTempPath(), $"mindee-progress-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, Documents.Pdf(300_000), TestContext.Current.CancellationToken);
        try
        {
            var progress = new RecordedProgress();
            var client = _service.CreateClient();

            await _service.Clock.RunAsync(client.EnqueueAndWaitAsync(OcrInput.FromFile(path), null, new WaitOptions { Progress = progress }, TestContext.Current.CancellationToken));

            var reports = progress.Reports;
            Assert.Equal(
                [OcrProgressStage.Sending, OcrProgressStage.Sending, OcrProgressStage.Queued, OcrProgressStage.Processing, OcrProgressStage.Processing, OcrProgressStage.Fetching, OcrProgressStage.Done],
                reports.Select(r => r.Stage));
            Assert.Equal([0L, 300_000L, 300_000L, 300_000L, 300_000L, 300_000L, 300_000L], reports.Select(r => r.BytesSent));
            Assert.All(reports, r => Assert.Equal(300_000L, r.TotalBytes));
            Assert.Equal([0, 0, 0, 1, 2, 3, 3], reports.Select(r => r.Polls));
            Assert.Equal(reports.Select(r => r.Elapsed).OrderBy(e => e), reports.Select(r => r.Elapsed));
            Assert.Equal(TimeSpan.Zero, reports[2].Elapsed);
            Assert.Equal(TimeSpan.FromSeconds(2.25), reports[3].Elapsed); // the first poll, after the initial delay
            Assert.Equal(_service.Clock.Advanced, reports[^1].Elapsed);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Upload_progress_is_reported_while_the_body_streams_at_most_four_times_a_second()
    {
        _service.Stub("POST", EnqueuePath, 202, _service.JobJson("job-processing.json"));
        _service.Stub("GET", JobPath(), 200, _service.JobJson("job-processed.json"));
        _service.Stub("GET", ResultPath(), 200, Fixture.Text("result-1-page.json"));
        var document = Documents.Pdf(2_000_000);

        // Each read of the document takes 50 ms on the test clock: 25 reads of 80 KB, 1.25 s in all.
        using var slow = new ClockedStream(document, _service.Clock, TimeSpan.FromMilliseconds(50));
        var progress = new RecordedProgress();
        var client = _service.CreateClient();

        await _service.Clock.RunAsync(client.EnqueueAndWaitAsync(OcrInput.FromStream(slow, "big.pdf"), null, new WaitOptions { Progress = progress }, TestContext.Current.CancellationToken));

        var sending = progress.Reports.Where(r => r.Stage == OcrProgressStage.Sending).ToList();
        Assert.Equal(0L, sending[0].BytesSent);
        Assert.Equal(2_000_000L, sending[^1].BytesSent);
        Assert.Equal(sending.Select(r => r.BytesSent).Order(), sending.Select(r => r.BytesSent));
        Assert.InRange(sending.Count, 4, 2 + 6); // reports in between, but no more than 4 a second of the upload's 1.25 s
        for (int i = 2; i < sending.Count - 1; i++)
        {
            Assert.True(sending[i].Elapsed - sending[i - 1].Elapsed >= TimeSpan.FromMilliseconds(250), $"report {i} came {sending[i].Elapsed - sending[i - 1].Elapsed} after the one before");
        }
    }

    [Fact]
    public async Task A_url_reports_no_size_and_a_wait_by_id_starts_at_processing()
    {
        StubJobProcessedAtThirdPoll();
        var progress = new RecordedProgress();
        var client = _service.CreateClient();

        await _service.Clock.RunAsync(client.WaitForResultAsync(Fixture.JobId, new WaitOptions { Progress = progress }, TestContext.Current.CancellationToken));

        Assert.Equal(
            [OcrProgressStage.Processing, OcrProgressStage.Processing, OcrProgressStage.Fetching, OcrProgressStage.Done],
            progress.Reports.Select(r => r.Stage));
        Assert.All(progress.Reports, r => Assert.Equal((0L, (long?)null), (r.BytesSent, r.TotalBytes)));
    }

    [Fact]
    public async Task A_per_call_deadline_shorter_than_the_clients_ends_that_call_at_its_own_deadline()
    {
        _service.Stub("POST", EnqueuePath, 202, _service.JobJson("job-processing.json"));
        _service.Stub("GET", JobPath(), 200, _service.JobJson("job-processing.json"));
        var client = _service.CreateClient(o => o.Polling.Timeout = TimeSpan.FromMinutes(10));
        var interactive = new WaitOptions { Polling = new PollingOptions { Timeout = TimeSpan.FromSeconds(8) } };

        var ex = await Assert.ThrowsAsync<MindeeOcrTimeoutException>(() => _service.Clock.RunAsync(
            client.EnqueueAndWaitAsync(OcrInput.FromBytes(Documents.Pdf(), "a.pdf"), null, interactive, TestContext.Current.CancellationToken)));

        Assert.Equal(Fixture.JobId, ex.JobId);
        Assert.Equal(TimeSpan.FromSeconds(8), ex.Elapsed);
        Assert.Equal(TimeSpan.FromSeconds(8), _service.Clock.Advanced);
        Assert.InRange(Polls, 3, 5);
    }

    [Fact]
    public async Task A_per_call_schedule_replaces_the_clients_for_that_call_only()
    {
        _service.Stub("GET", JobPath(), 200, _service.JobJson("job-processing.json"));
        var client = _service.CreateClient(o => o.Polling.Timeout = TimeSpan.FromSeconds(30));
        var quick = new WaitOptions { Polling = new PollingOptions { Timeout = TimeSpan.FromSeconds(3) } };

        var own = await Assert.ThrowsAsync<MindeeOcrTimeoutException>(() => _service.Clock.RunAsync(client.WaitForResultAsync(Fixture.JobId, quick, TestContext.Current.CancellationToken)));
        var clients = await Assert.ThrowsAsync<MindeeOcrTimeoutException>(() => _service.Clock.RunAsync(client.WaitForResultAsync(Fixture.JobId, TestContext.Current.CancellationToken)));

        Assert.Equal((TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(30)), (own.Elapsed, clients.Elapsed));
    }

    [Fact]
    public async Task An_invalid_per_call_schedule_is_refused_before_any_request()
    {
        var client = _service.CreateClient();
        var wait = new WaitOptions { Polling = new PollingOptions { Timeout = TimeSpan.Zero, Jitter = 2 } };

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.EnqueueAndWaitAsync(OcrInput.FromBytes(Documents.Pdf(), "a.pdf"), null, wait, TestContext.Current.CancellationToken));

        Assert.Equal("wait", ex.ParamName);
        Assert.StartsWith(
            "Invalid WaitOptions.Polling: WaitOptions.Polling.Timeout is 00:00:00; it must be a positive duration of at most a day. WaitOptions.Polling.Jitter is 2; it must be between 0 and 0.5.",
            ex.Message,
            StringComparison.Ordinal);
        Assert.Empty(_service.Requests);
    }

    /// <summary>Records reports synchronously, in order (a <see cref="Progress{T}"/> would post them elsewhere).</summary>
    private sealed class RecordedProgress : IProgress<OcrProgress>
    {
        private readonly List<OcrProgress> _reports = [];

        public IReadOnlyList<OcrProgress> Reports
        {
            get
            {
                lock (_reports)
                {
                    return _reports.ToArray();
                }
            }
        }

        public void Report(OcrProgress value)
        {
            lock (_reports)
            {
                _reports.Add(value);
            }
        }
    }

    /// <summary>A seekable document whose every read takes <c>perRead</c> on the test clock.</summary>
    private sealed class ClockedStream(byte[] bytes, TestClock clock, TimeSpan perRead) : MemoryStream(bytes, writable: false)
    {
        private bool _sniffed;

        public override int Read(byte[] buffer, int offset, int count) => Advance(base.Read(buffer, offset, count));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Advance(await base.ReadAsync(buffer, cancellationToken));

        private int Advance(int read)
        {
            // The type check's first read is not part of the upload.
            if (_sniffed)
            {
                clock.Advance(perRead);
            }

            _sniffed = true;
            return read;
        }
    }
}
