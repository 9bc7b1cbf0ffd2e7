using System;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Mindee.Ocr.Configuration;

namespace Mindee.Ocr;

/// <summary>
/// The default limiters, at the service's limits, shared by every client that talks to one
/// service with one API key on one clock: the limits are per organisation, and dependency
/// injection builds a client per scope, so per-client buckets would each spend the whole budget.
/// Also the gate of each limiter, so batches sharing a limiter share its hold after a <c>429</c>.
/// </summary>
internal static class BatchLimits
{
    // The service's limits are 200 enqueues and 1,200 other requests a minute. A token bucket lets
    // through at most its burst plus its rate in any minute, so burst + rate stays at the limit:
    // a sliding-window limit on the service's side is never crossed.
    internal const int EnqueueBurst = 4;
    internal const double EnqueuesPerMinute = 196;
    internal const int RequestBurst = 20;
    internal const double RequestsPerMinute = 1180;

    private static readonly ConditionalWeakTable<TimeProvider, ConcurrentDictionary<string, Limits>> PerClock = new();
    private static readonly ConditionalWeakTable<RateLimiter, LimiterGate> Gates = new();

    public static Limits For(ClientSettings settings, TimeProvider time)
    {
        var byAccount = PerClock.GetValue(time, static _ => new ConcurrentDictionary<string, Limits>(StringComparer.Ordinal));
        return byAccount.GetOrAdd(Account(settings), _ => new Limits(
            new ClockTokenBucket(EnqueueBurst, EnqueuesPerMinute, time),
            new ClockTokenBucket(RequestBurst, RequestsPerMinute, time)));
    }

    public static LimiterGate GateFor(RateLimiter limiter, TimeProvider time, Func<double> random) => Gates.GetValue(limiter, l => new LimiterGate(l, time, random));

    /// <summary>The service and a digest of the key (never the key itself).</summary>
    private static string Account(ClientSettings settings)
    {
#if NETSTANDARD2_0
        using var sha = SHA256.Create();
        var digest = sha.ComputeHash(Encoding.UTF8.GetBytes(settings.ApiKey));
#else
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(settings.ApiKey));
#endif
        return settings.BaseAddress.AbsoluteUri + "|" + Convert.ToBase64String(digest);
    }

    internal sealed record Limits(RateLimiter Enqueue, RateLimiter Requests);
}
