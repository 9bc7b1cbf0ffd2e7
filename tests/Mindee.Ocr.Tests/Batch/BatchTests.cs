using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Mindee.Ocr.Testing;
using Mindee.Ocr.Tests.TestSupport;
using Xunit;

namespace Mindee.Ocr.Tests.Batch;

[Xunit.Collection(BatchSimulations.Name)]
public class BatchTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_document_comes_back_with_its_index_key_job_and_result()
    {
        var harness = new BatchHarness(fake => fake.DefaultScenario = FakeJobScenario.SucceedsAfter(TimeSpan.FromSeconds(5)));
        var progress = new List<OcrBatchProgress>();
        var inputs = BatchHarness.Pdfs(20).ToList();

        var items = await harness.RunAsync(inputs, new OcrBatchOptions { Progress = new SyncProgress<OcrBatchProgress>(progress.Add) }, cancellationToken: Token);

        Assert.Equal(Enumerable.Range(0, 20), items.Select(i => i.Index).Order());
        Assert.All(items, item =>
        {
            Assert.True(item.IsSuccess, item.ToString());
            Assert.Equal($"doc-{item.Index:D3}.pdf", item.Key);
            Assert.Equal(item.JobId, item.Result.Id);
        });
        Assert.Equal(20, harness.Fake.Enqueues.Count);
        var last = progress[^1];
        Assert.Equal((20, 20, 0, 0, 0, 0), (last.Total, last.Succeeded, last.Failed, last.Skipped, last.InFlight, last.Queued));
        Assert.Equal(Enumerable.Range(0, 20).Sum(i => 1000L + i), last.BytesSent);
        Assert.Equal(TimeSpan.Zero, last.EstimatedRemaining);
    }

    [Fact]
    public async Task One_bad_document_is_an_item_with_its_error_and_the_batch_goes_on()
    {
        var harness = new BatchHarness(fake => fake
            .Then(FakeJobScenario.Succeeds())
            .Then(FakeJobScenario.Fails(new MindeeProblem { Status = 422, Title = "Unreadable", Code = "422-102", Detail = "The PDF is locked." })));
        var missing = Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".pdf");
        OcrInput[] inputs = [OcrInput.FromBytes(Documents.Pdf(), "a.pdf"), OcrInput.FromBytes(Documents.Pdf(), "locked.pdf"), OcrInput.FromFile(missing), OcrInput.FromBytes(Documents.Zip(), "archive.zip"), OcrInput.FromBytes(Documents.Png(), "b.png")];

        var items = (await harness.RunAsync(inputs, new OcrBatchOptions { MaxConcurrency = 1 }, cancellationToken: Token)).OrderBy(i => i.Index).ToList();

        Assert.Equal([OcrBatchItemStatus.Succeeded, OcrBatchItemStatus.Failed, OcrBatchItemStatus.Failed, OcrBatchItemStatus.Failed, OcrBatchItemStatus.Succeeded], items.Select(i => i.Status));
        Assert.IsType<MindeeOcrJobFailedException>(items[1].Error);
        Assert.NotNull(items[1].JobId);
        Assert.IsType<FileNotFoundException>(items[2].Error);
        Assert.Equal(Path.GetFullPath(missing), items[2].Key);
        Assert.IsAssignableFrom<ArgumentException>(items[3].Error);
        Assert.Null(items[3].JobId);
        Assert.Equal(3, harness.Fake.Enqueues.Count);
    }

    [Fact]
    public async Task A_repeated_key_is_a_failed_item_and_aliases_tell_inputs_apart()
    {
        var harness = new BatchHarness();
        OcrInput[] same = [OcrInput.FromBytes(Documents.Pdf(), "scan.pdf"), OcrInput.FromBytes(Documents.Pdf(), "scan.pdf")];

        var items = (await harness.RunAsync(same, cancellationToken: Token)).OrderBy(i => i.Index).ToList();
        var aliased = await new BatchHarness().RunAsync(same, new OcrBatchOptions { EnqueueOptionsFor = (_, i) => new EnqueueOptions { Alias = $"scan-{i}" } }, cancellationToken: Token);

        Assert.True(items[0].IsSuccess);
        Assert.False(items[1].IsSuccess);
        Assert.Contains("\"scan.pdf\"", items[1].Error!.Message, StringComparison.Ordinal);
        Assert.Contains("alias", items[1].Error!.Message, StringComparison.Ordinal);
        Assert.All(aliased, i => Assert.True(i.IsSuccess));
        Assert.Equal(["scan-0", "scan-1"], aliased.Select(i => i.Key).Order());
    }

    [Fact]
    public void A_batch_without_a_model_id_fails_at_once_and_sends_nothing()
    {
        var harness = new BatchHarness(options: new MindeeOcrOptions { ApiKey = "test-key" });

        var ex = Assert.Throws<ArgumentException>(() => harness.Client.ProcessManyAsync(BatchHarness.Pdfs(3), cancellationToken: Token));

        Assert.Contains("model id", ex.Message, StringComparison.Ordinal);
        Assert.Empty(harness.Fake.Enqueues);
        Assert.Throws<ArgumentNullException>(() => harness.Client.ProcessManyAsync((IEnumerable<OcrInput>)null!, cancellationToken: Token));
        Assert.Throws<ArgumentOutOfRangeException>(() => new OcrBatchOptions { MaxConcurrency = 0 });
    }

    [Fact]
    public async Task Inputs_are_pulled_one_at_a_time_as_slots_free()
    {
        var harness = new BatchHarness(fake => fake.DefaultScenario = FakeJobScenario.SucceedsAfter(TimeSpan.FromSeconds(3)));
        int pulled = 0;
        IEnumerable<OcrInput> Endless()
        {
            for (int i = 0; ; i++)
            {
                pulled++;
                yield return OcrInput.FromBytes(Documents.Pdf(), $"endless-{i}.pdf");
            }
        }

        var items = await harness.RunAsync(Endless(), new OcrBatchOptions { MaxConcurrency = 4 }, takeThenStop: 10, cancellationToken: Token);

        Assert.Equal(10, items.Count);
        Assert.InRange(pulled, 10, 10 + 4);
        Assert.InRange(harness.Fake.Enqueues.Count, 10, 10 + 4);
    }

    [Fact]
    public async Task Under_the_services_limits_the_default_limiters_meet_no_429()
    {
        var harness = new BatchHarness(fake =>
        {
            fake.WithRateLimits();
            fake.DefaultScenario = FakeJobScenario.SucceedsAfter(TimeSpan.FromSeconds(20));
        });

        var items = await harness.RunAsync(BatchHarness.Pdfs(260), cancellationToken: Token);

        Assert.All(items, i => Assert.True(i.IsSuccess, i.ToString()));
        Assert.Equal(0, harness.Fake.RateLimited);
        Assert.Equal(260, harness.Fake.Enqueues.Select(e => e.FileName).Distinct().Count());
        // 260 documents at 196 a minute after a burst of 4: a little over 78 s to send them all.
        Assert.InRange(harness.Clock.Advanced, TimeSpan.FromSeconds(78), TimeSpan.FromSeconds(78 + 60));
    }

    [Fact]
    public async Task A_long_retry_after_holds_the_batch_and_the_document_goes_again_never_twice()
    {
        var harness = new BatchHarness(fake => fake.EnqueuesPerMinute = 5);

        var items = await harness.RunAsync(BatchHarness.Pdfs(12), new OcrBatchOptions { EnqueueRateLimiter = new NoLimit() }, cancellationToken: Token);

        Assert.All(items, i => Assert.True(i.IsSuccess, i.ToString()));
        Assert.True(harness.Fake.RateLimited > 0);
        Assert.Equal(12, harness.Fake.Enqueues.Count);
        Assert.Equal(12, harness.Fake.Enqueues.Select(e => e.FileName).Distinct().Count());
        Assert.InRange(harness.Clock.Advanced, TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(4));
    }

    [Fact]
    public async Task A_limiter_that_refuses_leases_is_asked_again()
    {
        var enqueues = new RefusingLimiter(TimeSpan.FromSeconds(3));
        var requests = new RefusingLimiter(retryAfter: null);
        var harness = new BatchHarness();

        var items = await harness.RunAsync(BatchHarness.Pdfs(6), new OcrBatchOptions { EnqueueRateLimiter = enqueues, RequestRateLimiter = requests }, cancellationToken: Token);

        Assert.All(items, i => Assert.True(i.IsSuccess, i.ToString()));
        Assert.True(enqueues.Refused >= 6);
        Assert.True(requests.Refused >= 6);
        Assert.Equal(6, harness.Fake.Enqueues.Count);
    }

    [Theory]
    [InlineData(1, 0.0, 100)]
    [InlineData(2, 0.0, 200)]
    [InlineData(4, 0.0, 800)]
    [InlineData(5, 0.0, 1000)]
    [InlineData(40, 0.0, 1000)]
    [InlineData(40, 0.5, 750)]
    [InlineData(1, 0.5, 75)]
    public void A_refused_lease_without_retry_after_is_asked_again_soon_with_jitter(int refusals, double jitter, int expectedMs)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), LimiterGate.RefusedBackoff(refusals, jitter));
    }

    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        private readonly object _lock = new();

        public void Report(T value)
        {
            lock (_lock)
            {
                report(value);
            }
        }
    }
}
