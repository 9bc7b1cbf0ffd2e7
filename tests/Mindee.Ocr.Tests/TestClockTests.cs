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
    public async Task Timers_at_or_past_the_threshold_are_not_reported()
    {
        var clock = new TestClock { RequestTimeoutThreshold = TimeSpan.FromSeconds(10) };
        var operation = DelayedAsync(clock, TimeSpan.FromSeconds(10));

        await Assert.ThrowsAsync<TimeoutException>(() => clock.NextWaitAsync().WaitAsync(TimeSpan.FromMilliseconds(50), TestContext.Current.CancellationToken));
        clock.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(10, await operation);
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
