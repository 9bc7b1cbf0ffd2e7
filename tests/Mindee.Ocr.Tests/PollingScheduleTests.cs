using System;
using System.Linq;
using Mindee.Ocr.Polling;
using Xunit;

namespace Mindee.Ocr.Tests;

/// <summary>The polling schedule alone: pure arithmetic, randomness pinned, exact delays.</summary>
public sealed class PollingScheduleTests
{
    private const double NoJitter = 0.5; // the middle of [0, 1): the interval as scheduled

    private static readonly PollingSchedule Default = PollingSchedule.From(new PollingOptions());

    [Theory]
    [InlineData(1, 1.75)]
    [InlineData(2, 2.1)]
    [InlineData(3, 2.52)]
    [InlineData(4, 3.024)]
    [InlineData(5, 3.25)] // 3.6288 capped
    [InlineData(40, 3.25)]
    public void Intervals_grow_by_the_growth_factor_up_to_the_cap(int pollsDone, double seconds) =>
        Assert.Equal(seconds, Default.NextDelay(pollsDone, TimeSpan.FromSeconds(30), null, NoJitter).TotalSeconds, precision: 6);

    [Theory]
    [InlineData(120, 3.25)]   // a long job only from two minutes on
    [InlineData(180, 6.625)]  // half way to 240 s: half way from 3.25 s to 10 s
    [InlineData(240, 10)]
    [InlineData(500, 10)]
    public void After_two_minutes_the_cap_rises_evenly_to_the_long_job_interval(double elapsed, double seconds) =>
        Assert.Equal(seconds, Default.NextDelay(50, TimeSpan.FromSeconds(elapsed), null, NoJitter).TotalSeconds, precision: 6);

    [Theory]
    [InlineData(0.0, 0.9)]
    [InlineData(0.25, 0.95)]
    [InlineData(0.75, 1.05)]
    [InlineData(0.999999, 1.0999998)]
    public void Jitter_spreads_each_interval_by_ten_percent_either_way(double random, double factor) =>
        Assert.Equal(1.75 * factor, Default.NextDelay(1, TimeSpan.FromSeconds(10), null, random).TotalSeconds, precision: 6);

    [Fact]
    public void Retry_after_is_the_floor_and_the_deadline_the_ceiling()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), Default.NextDelay(1, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), NoJitter));
        Assert.Equal(TimeSpan.FromSeconds(1.75), Default.NextDelay(1, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1), NoJitter));
        Assert.Equal(TimeSpan.FromSeconds(2), Default.NextDelay(1, TimeSpan.FromSeconds(598), TimeSpan.FromSeconds(30), NoJitter));
        Assert.Equal(TimeSpan.Zero, Default.NextDelay(1, TimeSpan.FromSeconds(601), null, NoJitter));
    }

    [Fact]
    public void A_whole_wait_of_ten_minutes_polls_about_a_hundred_times_and_ends_on_the_deadline()
    {
        var elapsed = TimeSpan.FromSeconds(2.25);
        int polls = 1;
        while (elapsed < Default.Timeout)
        {
            elapsed += Default.NextDelay(polls, elapsed, null, NoJitter);
            polls++;
        }

        Assert.Equal(Default.Timeout, elapsed);
        Assert.InRange(polls, 60, 120);
    }

    [Fact]
    public void Every_invalid_polling_setting_is_reported_with_its_key()
    {
        var errors = new System.Collections.Generic.List<Mindee.Ocr.Configuration.SettingError>();
        PollingSchedule.Validate(new PollingOptions { FirstInterval = TimeSpan.Zero, IntervalGrowth = double.NaN, Jitter = -1, Timeout = TimeSpan.FromSeconds(-1) }, errors);

        Assert.Equal(["Polling:FirstInterval", "Polling:Timeout", "Polling:IntervalGrowth", "Polling:Jitter"], errors.Select(e => e.Key));
        Assert.All(errors, e => Assert.StartsWith("MindeeOcrOptions.Polling.", e.Message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0, 100, 100)]    // a request's own timeout when the deadline is far
    [InlineData(550, 100, 50)]   // the time left before the deadline
    [InlineData(598, 100, 5)]    // at the least 5 s, for the poll at the deadline
    [InlineData(0, 3, 3)]        // never more than a request's own timeout
    public void A_poll_may_take_the_time_left_before_the_deadline(double elapsed, double requestTimeout, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Default.PollTimeout(TimeSpan.FromSeconds(elapsed), TimeSpan.FromSeconds(requestTimeout)));
}
