using System;

namespace Mindee.Ocr;

/// <summary>
/// How <see cref="IMindeeOcrClient.WaitForResultAsync(string, WaitOptions?, System.Threading.CancellationToken)"/> polls a job. Intervals start short and
/// grow, so a short job is seen soon after it ends while a long one costs few requests; the
/// overall deadline is past the service's own 590 s processing limit. The defaults were chosen by
/// the polling benchmark (see the README) and suit most uses.
/// </summary>
/// <remarks>
/// The interval after the n-th poll is <c>FirstInterval × IntervalGrowth^(n−1)</c>, capped at
/// <see cref="MaxInterval"/> for the first <see cref="LongJobAfter"/> of waiting; past that the cap
/// rises evenly to <see cref="LongJobMaxInterval"/> (reached at twice <see cref="LongJobAfter"/>).
/// Each interval is then spread by ±<see cref="Jitter"/>, and a <c>Retry-After</c> from the service
/// is its floor. No wait goes past <see cref="Timeout"/>: the last poll happens at the deadline.
/// </remarks>
public sealed class PollingOptions
{
    /// <summary>The wait before the first poll after an enqueue. Default 2.25 s.</summary>
    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromSeconds(2.25);

    /// <summary>The interval after the first poll. Default 1.75 s.</summary>
    public TimeSpan FirstInterval { get; set; } = TimeSpan.FromSeconds(1.75);

    /// <summary>How much each interval grows over the one before (1 keeps them equal). Default 1.2.</summary>
    public double IntervalGrowth { get; set; } = 1.2;

    /// <summary>The longest interval during the first <see cref="LongJobAfter"/> of waiting. Default 3.25 s.</summary>
    public TimeSpan MaxInterval { get; set; } = TimeSpan.FromSeconds(3.25);

    /// <summary>When a job counts as long, and intervals may grow past <see cref="MaxInterval"/>. Default 2 minutes.</summary>
    public TimeSpan LongJobAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The longest interval for a long job. Default 10 s.</summary>
    public TimeSpan LongJobMaxInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Random spread of each interval, as a fraction from 0 to 0.5 (0.1 is ±10%). Default 0.1.</summary>
    public double Jitter { get; set; } = 0.1;

    /// <summary>
    /// How long to wait for a result at most, from the start of the wait, before
    /// <see cref="MindeeOcrTimeoutException"/>. Default 10 minutes (the service gives up on a job at 590 s);
    /// at most a day (results are kept no longer). The last poll happens at the deadline, and each
    /// poll may take only the time left (5 s at the least), so a stalled poll never carries the wait
    /// much past it. Every duration here is at most a day.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(10);
}
