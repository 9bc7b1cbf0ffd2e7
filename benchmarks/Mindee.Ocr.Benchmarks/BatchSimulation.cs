using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Mindee.Ocr.Harness;
using Mindee.Ocr.Testing;

namespace Mindee.Ocr.Benchmarks;

/// <summary>
/// A batch against the service's rate limits, on a fake clock: documents whose jobs take a
/// log-uniform 1–60 s (fixed seed), sent to the test kit's fake service enforcing 200 enqueues
/// and 1,200 other requests a minute (sliding window, 429 with Retry-After). Runs the batch with
/// its defaults; the naive way beside it (Parallel.ForEachAsync, 32 at a time, EnqueueAndWaitAsync);
/// and the batch killed halfway then resumed with its journal.
/// </summary>
public static class BatchSimulation
{
    private const int Seed = 20251129;

    public static async Task<int> RunAsync(int documents)
    {
        var random = new Random(Seed);
        var durations = Enumerable.Range(0, documents).Select(_ => Math.Exp(random.NextDouble() * Math.Log(60))).ToArray();
        Console.WriteLine($"Batch: {documents} documents, job durations log-uniform in [1 s, 60 s] (mean {durations.Average():0.0} s), seed {Seed}; the fake service allows 200 enqueues and 1,200 other requests a minute.");

        var ours = await RunBatchAsync(durations, stopAfter: null, journalPath: null);
        var naive = await RunNaiveAsync(durations);
        var journal = Path.Combine(Path.GetTempPath(), $"mindee-batch-sim-{Environment.ProcessId}.jsonl");
        File.Delete(journal);
        Run killed, resumed;
        try
        {
            var service = new Service(durations);
            killed = await RunBatchAsync(durations, stopAfter: documents / 2, journalPath: journal, service);
            resumed = await RunBatchAsync(durations, stopAfter: null, journalPath: journal, service);
        }
        finally
        {
            File.Delete(journal);
        }

        Console.WriteLine();
        Console.WriteLine("| run | done | failed | 429s received | 429s as item errors | enqueued twice | enqueue rate used | fake time |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        Row("ProcessManyAsync, defaults", ours);
        Row("naive: Parallel.ForEachAsync ×32, EnqueueAndWaitAsync", naive);
        Row("ProcessManyAsync killed at 50%", killed);
        Row("… resumed with the journal", resumed);

        int twiceAcrossKill = resumed.Service.Enqueued - resumed.Service.DistinctDocuments;
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Killed and resumed: {resumed.Service.Enqueued} enqueues for {resumed.Service.DistinctDocuments} documents ({twiceAcrossKill} enqueued twice); the resumed run skipped {resumed.Skipped} and processed {resumed.Done}."));
        bool met = ours.RateShare >= 0.95 && ours.Done == documents && ours.Surfaced429 == 0 && ours.Service.Enqueued == ours.Service.DistinctDocuments
            && twiceAcrossKill == 0 && resumed.Done + resumed.Skipped == documents;
        Console.WriteLine(met
            ? "Targets met: at least 95% of the enqueue rate used, nothing lost, nothing enqueued twice (also across the kill), no 429 surfaced."
            : "TARGETS MISSED.");
        return met ? 0 : 1;
    }

    private static void Row(string name, Run run) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {run.Done} | {run.Failed} | {run.Service.RateLimited} | {run.Surfaced429} | {run.Service.Enqueued - run.Service.DistinctDocuments} | {run.RateShare:P1} | {run.Elapsed.TotalMinutes:0.0} min |"));

    private static async Task<Run> RunBatchAsync(double[] durations, int? stopAfter, string? journalPath, Service? shared = null)
    {
        var service = shared ?? new Service(durations);
        var clock = service.StartRun();
        var client = service.Client(clock);
        int done = 0, failed = 0, skipped = 0, surfaced = 0;
        async Task Consume()
        {
            using var journal = journalPath is null ? null : OcrBatchJournal.Open(journalPath);
            int taken = 0;
            await foreach (var item in client.ProcessManyAsync(Inputs(durations.Length), new OcrBatchOptions { Journal = journal }))
            {
                switch (item.Status)
                {
                    case OcrBatchItemStatus.Succeeded: done++; break;
                    case OcrBatchItemStatus.Skipped: skipped++; break;
                    default:
                        failed++;
                        surfaced += item.Error is MindeeOcrApiException { Status: 429 } ? 1 : 0;
                        break;
                }

                if (++taken == stopAfter)
                {
                    break; // the process "dies" here: nothing after this item is consumed
                }
            }
        }

        var before = clock.Advanced;
        await clock.RunAsync(Consume(), TimeSpan.FromHours(10));
        return new Run(done, failed, skipped, surfaced, clock.Advanced - before, service.RateShare(), service.Snapshot());
    }

    private static async Task<Run> RunNaiveAsync(double[] durations)
    {
        var service = new Service(durations);
        var clock = service.StartRun();
        var client = service.Client(clock);
        int done = 0, failed = 0, surfaced = 0;
        var work = Parallel.ForEachAsync(Inputs(durations.Length), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (input, ct) =>
        {
            try
            {
                await client.EnqueueAndWaitAsync(input, cancellationToken: ct);
                Interlocked.Increment(ref done);
            }
            catch (MindeeOcrException ex)
            {
                Interlocked.Increment(ref failed);
                if (ex is MindeeOcrApiException { Status: 429 })
                {
                    Interlocked.Increment(ref surfaced);
                }
            }
        });
        await clock.RunAsync(work, TimeSpan.FromHours(10));
        return new Run(done, failed, 0, surfaced, clock.Advanced, service.RateShare(), service.Snapshot());
    }

    private static IEnumerable<OcrInput> Inputs(int count)
    {
        var pdf = "%PDF-1.7\n%sim\n"u8.ToArray();
        for (int i = 0; i < count; i++)
        {
            yield return OcrInput.FromBytes(pdf, $"sim-{i:D5}.pdf");
        }
    }

    private sealed record Run(int Done, int Failed, int Skipped, int Surfaced429, TimeSpan Elapsed, double RateShare, ServiceCounts Service);

    private sealed record ServiceCounts(int Enqueued, int DistinctDocuments, int RateLimited);

    /// <summary>
    /// The fake service with the documented limits, each document's job taking its own duration, on
    /// one clock for every run it serves (a killed run's jobs go on while nobody looks), and the
    /// times of the enqueues it accepted in the current run.
    /// </summary>
    private sealed class Service
    {
        private readonly ConcurrentQueue<DateTimeOffset> _accepted = new();
        private readonly SimulationClock _clock = new();
        private readonly FakeMindeeService _fake;

        public Service(double[] durations)
        {
            _fake = new FakeMindeeService(_clock).WithRateLimits();
            foreach (double seconds in durations)
            {
                _fake.Then(FakeJobScenario.SucceedsAfter(TimeSpan.FromSeconds(seconds)));
            }
        }

        public SimulationClock StartRun()
        {
            _accepted.Clear();
            return _clock;
        }

        public MindeeOcrClient Client(SimulationClock clock) => new(
            new HttpClient(new Recording(this, clock) { InnerHandler = _fake }),
            new MindeeOcrOptions
            {
                ApiKey = "sim-key",
                ModelId = "sim-model",
                BaseAddress = new Uri("https://api.sim.local/"),
                Randomizer = new Random(Seed).NextDouble,
            },
            clock);

        public double RateShare()
        {
            var times = _accepted.OrderBy(t => t).ToArray();
            if (times.Length < 2)
            {
                return 0;
            }

            double minutes = (times[^1] - times[0]).TotalMinutes;
            return minutes <= 0 ? 0 : (times.Length - 1) / minutes / 200;
        }

        public ServiceCounts Snapshot()
        {
            var all = _fake.Enqueues;
            return new ServiceCounts(all.Count, all.Select(e => e.FileName).Distinct().Count(), _fake.RateLimited);
        }

        private sealed class Recording(Service service, SimulationClock clock) : DelegatingHandler
        {
            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                clock.Touch();
                var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
                if (request.Method == HttpMethod.Post && response.StatusCode == HttpStatusCode.Accepted)
                {
                    service._accepted.Enqueue(clock.GetUtcNow());
                }

                clock.Touch();
                return response;
            }
        }
    }
}
