using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Mindee.Ocr.Testing;
using Xunit;

namespace Mindee.Ocr.Tests.Batch;

[Xunit.Collection(BatchSimulations.Name)]
public sealed class JournalTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "mindee-journal-" + Guid.NewGuid().ToString("N") + ".jsonl");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => File.Delete(_path);

    [Fact]
    public async Task Entries_are_written_as_json_lines_and_read_back_the_latest_per_key()
    {
        using (var journal = OcrBatchJournal.Open(_path))
        {
            await journal.RecordAsync(new OcrBatchJournalEntry { Key = "a.pdf", State = OcrBatchJournalState.Enqueued, JobId = "job-1" }, Token);
            await journal.RecordAsync(new OcrBatchJournalEntry { Key = "b \"quoted\".pdf", State = OcrBatchJournalState.MayHaveBeenEnqueued }, Token);
            await journal.RecordAsync(new OcrBatchJournalEntry { Key = "a.pdf", State = OcrBatchJournalState.Completed, JobId = "job-1" }, Token);
            Assert.Throws<IOException>(() => OcrBatchJournal.Open(_path)); // one writer at a time
        }

        var lines = File.ReadAllLines(_path);
        Assert.Equal(3, lines.Length);
        Assert.Equal("{\"key\":\"a.pdf\",\"state\":\"enqueued\",\"jobId\":\"job-1\"}", lines[0]);

        using var again = OcrBatchJournal.Open(_path);
        Assert.Equal(2, again.Count);
        Assert.Equal(OcrBatchJournalState.Completed, (await again.FindAsync("a.pdf", Token))!.State);
        Assert.Equal(OcrBatchJournalState.MayHaveBeenEnqueued, (await again.FindAsync("b \"quoted\".pdf", Token))!.State);
        Assert.Null(await again.FindAsync("c.pdf", Token));
    }

    [Fact]
    public async Task A_torn_last_line_is_dropped_and_a_damaged_line_before_it_is_refused()
    {
        File.WriteAllText(_path, "{\"key\":\"a.pdf\",\"state\":\"enqueued\",\"jobId\":\"job-1\"}\n{\"key\":\"b.pdf\",\"sta", Encoding.UTF8);

        using (var journal = OcrBatchJournal.Open(_path))
        {
            Assert.Equal(1, journal.Count);
            await journal.RecordAsync(new OcrBatchJournalEntry { Key = "c.pdf", State = OcrBatchJournalState.Enqueued, JobId = "job-3" }, Token);
        }

        Assert.Equal(2, File.ReadAllLines(_path).Length);
        using (OcrBatchJournal.Open(_path))
        {
        }

        File.WriteAllText(_path, "not json\n{\"key\":\"a.pdf\",\"state\":\"completed\"}\n");
        var ex = Assert.Throws<ArgumentException>(() => OcrBatchJournal.Open(_path));
        Assert.Contains("line 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_stopped_halfway_resumes_without_sending_any_document_twice()
    {
        var harness = new BatchHarness(fake => fake.DefaultScenario = FakeJobScenario.SucceedsAfter(TimeSpan.FromSeconds(10)));
        var inputs = BatchHarness.Pdfs(30).ToList();

        using (var journal = OcrBatchJournal.Open(_path))
        {
            var first = await harness.RunAsync(inputs, new OcrBatchOptions { Journal = journal, MaxConcurrency = 8 }, takeThenStop: 12, cancellationToken: Token);
            Assert.Equal(12, first.Count);
        }

        int sentFirst = harness.Fake.Enqueues.Count;
        Assert.InRange(sentFirst, 12, 12 + 8);

        using (var journal = OcrBatchJournal.Open(_path))
        {
            var second = await harness.RunAsync(inputs, new OcrBatchOptions { Journal = journal, MaxConcurrency = 8 }, cancellationToken: Token);

            // Eleven were taken and moved past: skipped. The twelfth was taken but the consumer stopped on it,
            // so it counts as not done: waited for by its job id, not sent again.
            Assert.Equal(30, second.Count);
            Assert.Equal(11, second.Count(i => i.Status == OcrBatchItemStatus.Skipped));
            Assert.Equal(19, second.Count(i => i.IsSuccess));
            Assert.DoesNotContain(second, i => i.Status == OcrBatchItemStatus.Failed);
        }

        Assert.Equal(30, harness.Fake.Enqueues.Count);
        Assert.Equal(30, harness.Fake.Enqueues.Select(e => e.FileName).Distinct().Count());
    }

    [Fact]
    public async Task Cancelling_starts_no_new_upload_and_every_upload_sent_is_journaled()
    {
        var harness = new BatchHarness(fake => fake.DefaultScenario = FakeJobScenario.SucceedsAfter(TimeSpan.FromSeconds(30)));
        var inputs = BatchHarness.Pdfs(40).ToList();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Token);

        using (var journal = OcrBatchJournal.Open(_path))
        {
            var progress = new Progress(p =>
            {
                if (p.Succeeded >= 3)
                {
                    cancel.Cancel();
                }
            });
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => harness.RunAsync(inputs, new OcrBatchOptions { Journal = journal, MaxConcurrency = 10, Progress = progress }, cancellationToken: cancel.Token));
            Assert.Equal(harness.Fake.Enqueues.Count, journal.Count);
        }

        int sent = harness.Fake.Enqueues.Count;
        Assert.InRange(sent, 3, 39);

        using (var journal = OcrBatchJournal.Open(_path))
        {
            var resumed = await harness.RunAsync(inputs, new OcrBatchOptions { Journal = journal }, cancellationToken: Token);
            // Those the first run handed over are skipped; every other one is done now.
            Assert.Equal(40, resumed.Count);
            Assert.Equal(40, resumed.Count(i => i.IsSuccess || i.Status == OcrBatchItemStatus.Skipped));
        }

        Assert.Equal(40, harness.Fake.Enqueues.Count);
    }

    [Fact]
    public async Task A_result_deleted_after_an_earlier_fetch_is_reported_clearly_and_not_sent_again()
    {
        var harness = new BatchHarness();
        File.WriteAllText(_path, "{\"key\":\"gone.pdf\",\"state\":\"enqueued\",\"jobId\":\"no-such-job\"}\n");

        using var journal = OcrBatchJournal.Open(_path);
        var items = await harness.RunAsync([OcrInput.FromBytes(Documents(), "gone.pdf")], new OcrBatchOptions { Journal = journal }, cancellationToken: Token);

        var item = Assert.Single(items);
        Assert.Equal(OcrBatchItemStatus.Failed, item.Status);
        Assert.Equal("no-such-job", item.JobId);
        Assert.Contains("earlier run", item.Error!.Message, StringComparison.Ordinal);
        Assert.Contains("not sent again", item.Error.Message, StringComparison.Ordinal);
        Assert.Empty(harness.Fake.Enqueues);
    }

    private static byte[] Documents() => TestSupport.Documents.Pdf();

    private sealed class Progress(Action<OcrBatchProgress> report) : IProgress<OcrBatchProgress>
    {
        public void Report(OcrBatchProgress value) => report(value);
    }
}
