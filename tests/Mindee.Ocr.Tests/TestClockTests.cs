using System;
using System.Threading.Tasks;
using Mindee.Ocr.Harness;
using Xunit;

namespace Mindee.Ocr.Tests;

/// <summary>The reporting clock the tests and benchmarks drive time with.</summary>
public sealed class TestClockTests
{
    [Fact]
    public async Task A_run_that_ends_without_a_wait_does_not_swallow_the_next_runs_wait()
    {
        // Defect 13: the first run left a read of the next wait pending; the second run's wait went
        // to that stale read, and the second run hung.
        var clock = new TestClock();
        var done = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = clock.RunAsync(done.Task); // starts waiting for a wait that never comes
        done.SetResult(1);
        Assert.Equal(1, await first);

        var second = await clock.RunAsync(DelayedAsync(clock, TimeSpan.FromSeconds(5)));

        Assert.Equal(5, second);
        Assert.Equal(TimeSpan.FromSeconds(5), clock.Advanced);
    }

    [Fact]
    public async Task Next_wait_and_run_share_the_reports_in_order()
    {
        var clock = new TestClock();
        var operation = TwoDelaysAsync(clock);

        Assert.Equal(TimeSpan.FromSeconds(2), await clock.NextWaitAsync());
        clock.Advance(TimeSpan.FromSeconds(2));
        await clock.RunAsync(operation);

        Assert.Equal(TimeSpan.FromSeconds(3), clock.Advanced); // the second wait, advanced by the run
    }

    [Fact]
    public async Task Timeouts_are_not_waits_unless_shorter_than_the_threshold()
    {
        var clock = new TestClock();
        using var quiet = new System.Threading.CancellationTokenSource(TimeSpan.FromSeconds(5), clock);
        var operation = DelayedAsync(clock, TimeSpan.FromDays(2)); // waits of any length are reported

        Assert.Equal(TimeSpan.FromDays(2), await clock.NextWaitAsync());
        clock.RequestTimeoutThreshold = TimeSpan.FromSeconds(10);
        using var reported = new System.Threading.CancellationTokenSource(TimeSpan.FromSeconds(7), clock);
        Assert.Equal(TimeSpan.FromSeconds(7), await clock.NextWaitAsync());
        clock.Advance(TimeSpan.FromDays(2));

        Assert.Equal(172800, await operation);
        Assert.True(quiet.IsCancellationRequested && reported.IsCancellationRequested);
    }

    [Fact]
    public async Task A_timer_that_ended_unfired_is_not_waited_for()
    {
        // A request's timeout that was disposed when the request succeeded must not move time later.
        var clock = new TestClock();
        using (new System.Threading.CancellationTokenSource(TimeSpan.FromSeconds(20), clock))
        {
        }

        Assert.Equal(2, await clock.RunAsync(DelayedAsync(clock, TimeSpan.FromSeconds(2))));
        Assert.Equal(TimeSpan.FromSeconds(2), clock.Advanced);
    }

    private static async Task<int> DelayedAsync(TimeProvider clock, TimeSpan delay)
    {
        await Task.Delay(delay, clock);
        return (int)delay.TotalSeconds;
    }

    private static async Task<bool> TwoDelaysAsync(TimeProvider clock)
    {
        await Task.Delay(TimeSpan.FromSeconds(2), clock);
        await Task.Delay(TimeSpan.FromSeconds(3), clock);
        return true;
    }
}
