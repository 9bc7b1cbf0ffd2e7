using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Mindee.Ocr.Harness;
using Mindee.Ocr.Testing;
using Mindee.Ocr.Tests.TestSupport;
using Xunit;

namespace Mindee.Ocr.Tests.Batch;

[Collection(BatchSimulations.Name)]
public class BatchEdgeTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_enumeration_of_a_batch_runs_it_afresh()
    {
        var harness = new BatchHarness();
        var batch = harness.Client.ProcessManyAsync(BatchHarness.Pdfs(3).ToList(), cancellationToken: Token);

        async Task<List<OcrBatchItem>> Collect()
        {
            var items = new List<OcrBatchItem>();
            await foreach (var item in batch)
            {
                items.Add(item);
            }

            return items;
        }

        var first = Collect();
        await harness.Clock.RunAsync(first);
        var second = Collect();
        await harness.Clock.RunAsync(second);

        Assert.Equal(3, (await first).Count(i => i.IsSuccess));
        Assert.Equal(3, (await second).Count(i => i.IsSuccess));
        Assert.Equal(6, harness.Fake.Enqueues.Count);
    }

    [Fact]
    public async Task A_progress_sink_that_throws_fails_no_document()
    {
        var harness = new BatchHarness();

        var items = await harness.RunAsync(BatchHarness.Pdfs(8), new OcrBatchOptions { Progress = new Throwing(), MaxConcurrency = 3 }, cancellationToken: Token);

        Assert.Equal(8, items.Count(i => i.IsSuccess));
    }

    [Fact]
    public async Task A_journal_that_cannot_record_stops_the_batch_and_keeps_the_job_id()
    {
        var harness = new BatchHarness(fake => fake.DefaultScenario = FakeJobScenario.SucceedsAfter(TimeSpan.FromSeconds(5)));
        var journal = new BrokenJournal();

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => harness.RunAsync(BatchHarness.Pdfs(20), new OcrBatchOptions { Journal = journal, MaxConcurrency = 2 }, cancellationToken: Token));

        Assert.Contains("could not record", ex.Message, StringComparison.Ordinal);
        Assert.InRange(harness.Fake.Enqueues.Count, 1, 2); // what was under way; nothing after
    }

    [Fact]
    public async Task A_stream_held_back_by_a_long_retry_after_is_sent_whole_again()
    {
        var harness = new BatchHarness(fake => fake.EnqueuesPerMinute = 1);
        var bytes = Documents.Pdf(5000);
        var streams = Enumerable.Range(0, 3).Select(_ => new MemoryStream(bytes)).ToList();

        var items = await harness.RunAsync(
            streams.Select((s, i) => OcrInput.FromStream(s, $"stream-{i}.pdf")).ToList(),
            new OcrBatchOptions { EnqueueRateLimiter = new NoLimit() },
            cancellationToken: Token);

        Assert.All(items, i => Assert.True(i.IsSuccess, i.ToString()));
        Assert.True(harness.Fake.RateLimited > 0);
        Assert.All(harness.Fake.Enqueues, e => Assert.Equal(5000, e.ByteCount));
        Assert.Equal(3, harness.Fake.Enqueues.Count);
    }

    [Fact]
    public async Task Cancelling_without_a_journal_hands_back_the_job_ids_of_the_documents_sent()
    {
        var harness = new BatchHarness(fake => fake.DefaultScenario = FakeJobScenario.SucceedsAfter(TimeSpan.FromMinutes(2)));
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var items = new List<OcrBatchItem>();
        async Task Consume()
        {
            var progress = new Progress(p =>
            {
                if (p.BytesSent >= 3 * 1000)
                {
                    cancel.CancelAfter(TimeSpan.FromMilliseconds(1));
                }
            });
            await foreach (var item in harness.Client.ProcessManyAsync(BatchHarness.Pdfs(10), new OcrBatchOptions { MaxConcurrency = 4, Progress = progress }, cancel.Token))
            {
                items.Add(item);
            }
        }

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => harness.Clock.RunAsync(Consume()));

        var sent = harness.Fake.Enqueues.Select(e => e.JobId).Order().ToList();
        Assert.NotEmpty(sent);
        Assert.Equal(sent, items.Select(i => i.JobId!).Order());
        Assert.All(items, i => Assert.True(i.IsSuccess || i.Error is MindeeOcrWaitCanceledException { JobId: not null }, i.ToString()));
        Assert.Contains(items, i => i.Error is MindeeOcrWaitCanceledException);
    }

    [Fact]
    public async Task The_token_bucket_lets_through_at_most_its_burst_and_rate_in_any_minute_in_order()
    {
        var clock = new SimulationClock();
        using var bucket = new ClockTokenBucket(4, 196, clock);
        var granted = new List<(int Order, DateTimeOffset At)>();
        async Task Take(int order)
        {
            using var lease = await bucket.AcquireAsync(1, Token);
            Assert.True(lease.IsAcquired);
            lock (granted)
            {
                granted.Add((order, clock.GetUtcNow()));
            }
        }

        var all = Task.WhenAll(Enumerable.Range(0, 500).Select(Take));
        await clock.RunAsync(all);

        var times = granted.Select(g => g.At).Order().ToList();
        int most = times.Select((t, i) => times.Skip(i).TakeWhile(u => u - t < TimeSpan.FromMinutes(1)).Count()).Max();
        Assert.InRange(most, 196, 200);
        Assert.Equal(Enumerable.Range(0, 500), granted.OrderBy(g => g.At).ThenBy(g => g.Order).Select(g => g.Order));
        Assert.InRange(clock.Advanced.TotalSeconds, (500 - 4) / (196 / 60.0) - 1, (500 - 4) / (196 / 60.0) + 1);
    }

    [Fact]
    public async Task A_cancelled_waiter_leaves_the_queue_and_the_next_is_served()
    {
        var clock = new SimulationClock();
        using var bucket = new ClockTokenBucket(1, 60, clock);
        using var first = await bucket.AcquireAsync(1, Token);
        using var cancel = new CancellationTokenSource();
        var cancelled = bucket.AcquireAsync(1, cancel.Token).AsTask();
        var next = bucket.AcquireAsync(1, Token).AsTask();

        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        await clock.RunAsync(next);

        Assert.True((await next).IsAcquired);
        Assert.Equal(1, clock.Advanced.TotalSeconds, 3);
        Assert.False(bucket.AttemptAcquire(1).IsAcquired);
        Assert.Throws<ArgumentOutOfRangeException>(() => bucket.AttemptAcquire(2));
    }

    [Fact]
    public async Task A_journal_whose_last_entry_lacks_its_line_break_keeps_every_entry()
    {
        var path = Path.Combine(Path.GetTempPath(), "mindee-journal-" + Guid.NewGuid().ToString("N") + ".jsonl");
        try
        {
            File.WriteAllText(path, "{\"key\":\"a.pdf\",\"state\":\"enqueued\",\"jobId\":\"job-1\"}");
            using (var journal = OcrBatchJournal.Open(path))
            {
                await journal.RecordAsync(new OcrBatchJournalEntry { Key = "b.pdf", State = OcrBatchJournalState.Enqueued, JobId = "job-2" }, Token);
            }

            using var again = OcrBatchJournal.Open(path);
            Assert.Equal(2, again.Count);
            Assert.Equal("job-1", (await again.FindAsync("a.pdf", Token))!.JobId);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private sealed class Throwing : IProgress<OcrBatchProgress>
    {
        public void Report(OcrBatchProgress value) => throw new IOException("the display is gone");
    }

    private sealed class Progress(Action<OcrBatchProgress> report) : IProgress<OcrBatchProgress>
    {
        public void Report(OcrBatchProgress value) => report(value);
    }

    private sealed class BrokenJournal : IOcrBatchJournal
    {
        public ValueTask<OcrBatchJournalEntry?> FindAsync(string key, CancellationToken cancellationToken = default) => new((OcrBatchJournalEntry?)null);

        public ValueTask RecordAsync(OcrBatchJournalEntry entry, CancellationToken cancellationToken = default) => throw new IOException("disk full");
    }
}
