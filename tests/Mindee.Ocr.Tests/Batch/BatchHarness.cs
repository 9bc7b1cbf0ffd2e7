using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;
using Mindee.Ocr.Harness;
using Mindee.Ocr.Testing;
using Mindee.Ocr.Tests.TestSupport;

namespace Mindee.Ocr.Tests.Batch;

/// <summary>A fake service and a client on one simulation clock, for batches of concurrent documents.</summary>
internal sealed class BatchHarness
{
    public BatchHarness(Action<FakeMindeeService>? setUp = null, MindeeOcrOptions? options = null)
    {
        Fake = new FakeMindeeService(Clock);
        setUp?.Invoke(Fake);
        Client = new MindeeOcrClient(
            new HttpClient(new Touching(Clock) { InnerHandler = Fake }),
            options ?? new MindeeOcrOptions { ApiKey = "test-key", ModelId = "test-model", Randomizer = new Random(7).NextDouble },
            Clock);
    }

    public SimulationClock Clock { get; } = new();

    public FakeMindeeService Fake { get; }

    public MindeeOcrClient Client { get; }

    /// <summary>Runs the batch to its end on the simulation clock and collects every item.</summary>
    public async Task<List<OcrBatchItem>> RunAsync(IEnumerable<OcrInput> inputs, OcrBatchOptions? options = null, int? takeThenStop = null, CancellationToken cancellationToken = default)
    {
        var items = new List<OcrBatchItem>();
        async Task Consume()
        {
            await foreach (var item in Client.ProcessManyAsync(inputs, options, cancellationToken).ConfigureAwait(false))
            {
                items.Add(item);
                if (items.Count == takeThenStop)
                {
                    break;
                }
            }
        }

        await Clock.RunAsync(Consume(), limit: TimeSpan.FromHours(2));
        return items;
    }

    public static IEnumerable<OcrInput> Pdfs(int count, string prefix = "doc")
    {
        for (int i = 0; i < count; i++)
        {
            yield return OcrInput.FromBytes(Documents.Pdf(1000 + i), $"{prefix}-{i:D3}.pdf");
        }
    }

    private sealed class Touching(SimulationClock clock) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            clock.Touch();
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            clock.Touch();
            return response;
        }
    }
}

/// <summary>A limiter that lets everything through: the batch then meets the service's own limits.</summary>
internal sealed class NoLimit : RateLimiter
{
    public override TimeSpan? IdleDuration => TimeSpan.Zero;

    public override RateLimiterStatistics? GetStatistics() => null;

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => Lease.Instance;

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) => new(Lease.Instance);

    private sealed class Lease : RateLimitLease
    {
        public static readonly Lease Instance = new();

        public override bool IsAcquired => true;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}

/// <summary>A limiter that refuses every other lease, with or without <c>RetryAfter</c>, as distributed limiters refuse instead of queueing.</summary>
internal sealed class RefusingLimiter(TimeSpan? retryAfter) : RateLimiter
{
    private int _calls;
    private int _refused;

    public int Refused => Volatile.Read(ref _refused);

    public override TimeSpan? IdleDuration => null;

    public override RateLimiterStatistics? GetStatistics() => null;

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => Next();

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) => new(Next());

    private Lease Next()
    {
        bool refuse = Interlocked.Increment(ref _calls) % 2 == 1;
        if (refuse)
        {
            Interlocked.Increment(ref _refused);
        }

        return new Lease(!refuse, refuse ? retryAfter : null);
    }

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter;
            return retryAfter is not null && metadataName == MetadataName.RetryAfter.Name;
        }
    }
}

/// <summary>
/// Batch simulations jump their clock whenever the thread pool is idle: other tests running beside
/// them would keep it busy, so they run on their own, after the parallel tests.
/// </summary>
[Xunit.CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BatchSimulations
{
    public const string Name = "Batch simulations";
}
