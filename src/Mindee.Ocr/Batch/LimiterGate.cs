using System;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;

namespace Mindee.Ocr;

/// <summary>
/// What a batch's requests pass through: a rate limiter, and a hold the whole batch honours
/// after the service answers <c>429</c>, so one rate-limited call slows every call of its kind,
/// not just itself. A limiter that refuses a lease (as distributed ones do) is asked again after
/// its <c>RetryAfter</c> metadata, or after a short backoff.
/// </summary>
/// <param name="limiter">The limiter.</param>
/// <param name="time">The client's clock.</param>
/// <param name="random">The client's jitter source, a number in [0, 1) per call.</param>
internal sealed class LimiterGate(RateLimiter limiter, TimeProvider time, Func<double> random) : IRequestGate
{
    /// <summary>How long a <c>429</c> without <c>Retry-After</c> holds the gate.</summary>
    internal static readonly TimeSpan DefaultHold = TimeSpan.FromSeconds(2);

    /// <summary>The longest hold: a <c>Retry-After</c> past it (a proxy's day, say) fails the call instead of freezing the batch.</summary>
    internal static readonly TimeSpan MaxHold = TimeSpan.FromMinutes(5);


    // A refused lease without RetryAfter (RedisRateLimiting's sliding window gives none) is asked
    // again after 100 ms, 200, 400, 800, then every second, each wait jittered down by up to half.
    // Short, because a refusing limiter frees its permits as they age out, one by one, and the
    // waiting documents must notice soon: with a 10 s cap, three processes sharing a budget through
    // Redis used 75% of it in the shared-budget test. Jittered, because the documents that start
    // together would otherwise ask together, in lockstep, and leave the gaps between unused.
    private static readonly TimeSpan MinRefusedBackoff = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxRefusedBackoff = TimeSpan.FromSeconds(1);

    private long _heldUntil = long.MinValue; // a timestamp of the gate's clock

    /// <summary>How many times the service answered <c>429</c> through this gate.</summary>
    public int Throttled => _throttled;

    private int _throttled;

    /// <summary>Waits out any hold, then for a lease from the limiter.</summary>
    public async ValueTask EnterAsync(CancellationToken cancellationToken)
    {
        int refusals = 0;
        while (true)
        {
            var hold = HeldFor();
            if (hold > TimeSpan.Zero)
            {
                await Task.Delay(hold, time, cancellationToken).ConfigureAwait(false);
            }

            using var lease = await limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
            if (lease.IsAcquired)
            {
                // A 429 may have come while this request queued in the limiter: the hold applies to it too.
                var late = HeldFor();
                if (late > TimeSpan.Zero)
                {
                    await Task.Delay(late, time, cancellationToken).ConfigureAwait(false);
                }

                return;
            }

            refusals++;
            var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) && retryAfter > TimeSpan.Zero
                ? retryAfter
                : RefusedBackoff(refusals, random());
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The wait after the <paramref name="refusals"/>th refusal in a row that gave no <c>RetryAfter</c>.</summary>
    internal static TimeSpan RefusedBackoff(int refusals, double jitter)
    {
        long capped = Math.Min(MaxRefusedBackoff.Ticks, MinRefusedBackoff.Ticks << Math.Min(refusals - 1, 10));
        return TimeSpan.FromTicks((long)(capped * (1 - (0.5 * jitter))));
    }

    /// <summary>The service answered <c>429</c>: every request through the gate waits <paramref name="retryAfter"/> (or a default).</summary>
    public void Hold(TimeSpan? retryAfter)
    {
        Interlocked.Increment(ref _throttled);
        var hold = retryAfter is { } wait && wait > TimeSpan.Zero ? (wait < MaxHold ? wait : MaxHold) : DefaultHold;
        long until = time.GetTimestamp() + (long)(hold.TotalSeconds * time.TimestampFrequency);
        long current;
        do
        {
            current = Interlocked.Read(ref _heldUntil);
            if (current >= until)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _heldUntil, until, current) != current);
    }

    private TimeSpan HeldFor()
    {
        long until = Interlocked.Read(ref _heldUntil);
        long now = time.GetTimestamp();
        return until > now ? time.GetElapsedTime(now, until) : TimeSpan.Zero;
    }
}

/// <summary>What a request passes before each attempt, and tells when the service answers <c>429</c>.</summary>
internal interface IRequestGate
{
    ValueTask EnterAsync(CancellationToken cancellationToken);

    void Hold(TimeSpan? retryAfter);
}

/// <summary>
/// A gate whose waiting ends when the batch stops, whatever token the request carries: an upload
/// not yet begun never starts after a stop, while one under way is sent to the end (its request
/// runs on no token) so its job id is known and journaled.
/// </summary>
internal sealed class StopAwareGate(IRequestGate inner, CancellationToken stop) : IRequestGate
{
    public ValueTask EnterAsync(CancellationToken cancellationToken) => inner.EnterAsync(stop);

    public void Hold(TimeSpan? retryAfter) => inner.Hold(retryAfter);
}
