using System;
using System.Collections.Generic;
using Mindee.Ocr.Configuration;

namespace Mindee.Ocr.Polling;

/// <summary>
/// The arithmetic of the polling schedule, alone and pure (a delay strategy, as Azure.Core's
/// <c>DelayStrategy</c>: asked for each delay, it keeps no state), so the poller, the tests and the
/// benchmark all reason about the same numbers. See <see cref="PollingOptions"/> for the shape.
/// </summary>
internal sealed class PollingSchedule
{
    private PollingSchedule(PollingOptions options)
    {
        InitialDelay = options.InitialDelay;
        FirstInterval = options.FirstInterval;
        IntervalGrowth = options.IntervalGrowth;
        MaxInterval = options.MaxInterval;
        LongJobAfter = options.LongJobAfter;
        LongJobMaxInterval = options.LongJobMaxInterval;
        Jitter = options.Jitter;
        Timeout = options.Timeout;
    }

    public TimeSpan InitialDelay { get; }

    public TimeSpan FirstInterval { get; }

    public double IntervalGrowth { get; }

    public TimeSpan MaxInterval { get; }

    public TimeSpan LongJobAfter { get; }

    public TimeSpan LongJobMaxInterval { get; }

    public double Jitter { get; }

    public TimeSpan Timeout { get; }

    public static PollingSchedule From(PollingOptions options) => new(options);

    /// <summary>The schedule of one call's <see cref="WaitOptions.Polling"/>, checked like the client's.</summary>
    /// <exception cref="ArgumentException">A setting is invalid; the message names each.</exception>
    public static PollingSchedule ForCall(PollingOptions options, string paramName)
    {
        var errors = new List<SettingError>();
        Validate(options, errors);
        if (errors.Count > 0)
        {
            var problems = string.Join(" ", errors.ConvertAll(e => e.Message.Replace("MindeeOcrOptions.Polling.", "WaitOptions.Polling.", StringComparison.Ordinal)));
            throw new ArgumentException("Invalid WaitOptions.Polling: " + problems, paramName);
        }

        return new(options);
    }

    /// <summary>Adds every problem with <paramref name="options"/> to <paramref name="errors"/>.</summary>
    public static void Validate(PollingOptions options, List<SettingError> errors)
    {
        void Add(string name, string problem) => errors.Add(new("Polling:" + name, $"MindeeOcrOptions.Polling.{name} {problem}"));
        void NonNegative(TimeSpan value, string name)
        {
            if (value < TimeSpan.Zero || value > ClientSettings.MaxDuration)
            {
                Add(name, $"is {value}; it must be a duration of at most a day (zero or more).");
            }
        }

        void Positive(TimeSpan value, string name)
        {
            if (value <= TimeSpan.Zero || value > ClientSettings.MaxDuration)
            {
                Add(name, $"is {value}; it must be a positive duration of at most a day.");
            }
        }

        NonNegative(options.InitialDelay, nameof(PollingOptions.InitialDelay));
        Positive(options.FirstInterval, nameof(PollingOptions.FirstInterval));
        Positive(options.MaxInterval, nameof(PollingOptions.MaxInterval));
        Positive(options.LongJobMaxInterval, nameof(PollingOptions.LongJobMaxInterval));
        NonNegative(options.LongJobAfter, nameof(PollingOptions.LongJobAfter));
        Positive(options.Timeout, nameof(PollingOptions.Timeout));
        if (options.LongJobMaxInterval < options.MaxInterval)
        {
            Add(nameof(PollingOptions.LongJobMaxInterval), $"({options.LongJobMaxInterval}) is shorter than MaxInterval ({options.MaxInterval}).");
        }

        if (options.IntervalGrowth is not (>= 1 and <= 10))
        {
            Add(nameof(PollingOptions.IntervalGrowth), $"is {options.IntervalGrowth}; it must be between 1 and 10.");
        }

        if (options.Jitter is not (>= 0 and <= 0.5))
        {
            Add(nameof(PollingOptions.Jitter), $"is {options.Jitter}; it must be between 0 and 0.5.");
        }
    }

    /// <summary>The time a poll at (or near) the deadline may still take: a poll answers in well under a second.</summary>
    public static readonly TimeSpan LastPollTime = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The time one poll may take after <paramref name="elapsed"/> of waiting: the time left before
    /// the deadline (<see cref="LastPollTime"/> at the least), never more than a request's own
    /// timeout. So one stalled poll never carries the wait much past <see cref="Timeout"/>.
    /// </summary>
    public TimeSpan PollTimeout(TimeSpan elapsed, TimeSpan requestTimeout)
    {
        var left = Timeout - elapsed;
        var allowed = left > LastPollTime ? left : LastPollTime;
        return allowed < requestTimeout ? allowed : requestTimeout;
    }

    /// <summary>The interval cap after <paramref name="elapsed"/> of waiting.</summary>
    public TimeSpan CapAt(TimeSpan elapsed)
    {
        if (elapsed <= LongJobAfter || LongJobMaxInterval == MaxInterval)
        {
            return MaxInterval;
        }

        double progress = LongJobAfter == TimeSpan.Zero ? 1 : Math.Min(1, (elapsed - LongJobAfter).TotalMilliseconds / LongJobAfter.TotalMilliseconds);
        return MaxInterval + TimeSpan.FromMilliseconds((LongJobMaxInterval - MaxInterval).TotalMilliseconds * progress);
    }

    /// <summary>
    /// The delay before the next poll, after <paramref name="pollsDone"/> polls and
    /// <paramref name="elapsed"/> of waiting: the scheduled interval, spread by the jitter
    /// (<paramref name="unitRandom"/> in [0, 1)), floored by <paramref name="retryAfter"/>, and
    /// clamped so no poll is later than the deadline.
    /// </summary>
    public TimeSpan NextDelay(int pollsDone, TimeSpan elapsed, TimeSpan? retryAfter, double unitRandom)
    {
        double grownMs = FirstInterval.TotalMilliseconds * Math.Pow(IntervalGrowth, Math.Clamp(pollsDone - 1, 0, 200));
        double intervalMs = Math.Min(grownMs, CapAt(elapsed).TotalMilliseconds);
        intervalMs *= 1 + (Jitter * ((2 * unitRandom) - 1));
        var delay = TimeSpan.FromMilliseconds(intervalMs);
        if (retryAfter is { } floor && floor > delay)
        {
            delay = floor;
        }

        var remaining = Timeout - elapsed;
        return delay > remaining ? (remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero) : delay;
    }
}
