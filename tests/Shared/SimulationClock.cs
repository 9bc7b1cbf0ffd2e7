using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace Mindee.Ocr.Harness;

/// <summary>
/// A fake clock for many concurrent waits (a batch): whenever the work in flight has settled
/// (no queued thread-pool work, nothing new for a moment), it jumps to the earliest timer still
/// pending. <see cref="TestClock"/> advances by each wait in turn, which suits one call at a time.
/// </summary>
public sealed class SimulationClock : FakeTimeProvider
{
    private readonly object _lock = new();
    private readonly HashSet<TrackedTimer> _timers = [];
    private long _activity;

    public SimulationClock()
        : base(new DateTimeOffset(2025, 11, 28, 9, 0, 0, TimeSpan.Zero))
    {
        AutoAdvanceAmount = TimeSpan.Zero;
    }

    /// <summary>How far the clock has moved.</summary>
    public TimeSpan Advanced { get; private set; }

    /// <summary>Marks that something happened (a request served): the driver waits for quiet before jumping.</summary>
    public void Touch() => Interlocked.Increment(ref _activity);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new TrackedTimer(this);
        timer.Inner = base.CreateTimer(
            s =>
            {
                timer.Fired();
                callback(s);
            },
            state,
            dueTime,
            period);
        timer.Schedule(dueTime, period);
        return timer;
    }

    /// <summary>Runs <paramref name="operation"/> to its end, moving time forward whenever everything waits.</summary>
    /// <param name="operation">The work.</param>
    /// <param name="limit">The most fake time to let pass; past it, fails.</param>
    public async Task RunAsync(Task operation, TimeSpan? limit = null)
    {
        var realGuard = DateTime.UtcNow + TimeSpan.FromMinutes(5);
        while (!operation.IsCompleted)
        {
            await SettleAsync(operation).ConfigureAwait(false);
            if (operation.IsCompleted)
            {
                break;
            }

            DateTimeOffset? next = null;
            lock (_lock)
            {
                foreach (var timer in _timers)
                {
                    if (timer.Due is { } due && (next is null || due < next))
                    {
                        next = due;
                    }
                }
            }

            if (next is null)
            {
                if (DateTime.UtcNow > realGuard)
                {
                    throw new TimeoutException($"Nothing to wait for and the work is not done ({Advanced} advanced).");
                }

                await Task.Delay(1).ConfigureAwait(false);
                continue;
            }

            var step = next.Value - GetUtcNow();
            if (step > TimeSpan.Zero)
            {
                if (limit is { } max && Advanced + step > max)
                {
                    throw new TimeoutException($"The work wanted to wait past {max} of fake time.");
                }

                Advanced += step;
                Advance(step);
            }
            else
            {
                Advance(TimeSpan.Zero); // fire what is due
                lock (_lock)
                {
                    // A timer still due after that was fired before it was tracked: forget it.
                    _timers.RemoveWhere(t => t.Due is { } due && due <= GetUtcNow());
                }

                await Task.Yield();
            }
        }

        await operation.ConfigureAwait(false);
    }

    /// <summary>Waits (real time, briefly) until no thread-pool work is queued and nothing new happened.</summary>
    private async Task SettleAsync(Task operation)
    {
        int quiet = 0;
        long seen = Interlocked.Read(ref _activity);
        while (quiet < 2 && !operation.IsCompleted)
        {
            await Task.Delay(1).ConfigureAwait(false);
            long now = Interlocked.Read(ref _activity);
            quiet = now == seen && ThreadPool.PendingWorkItemCount == 0 ? quiet + 1 : 0;
            seen = now;
        }
    }

    private sealed class TrackedTimer(SimulationClock clock) : ITimer
    {
        private TimeSpan _period;

        public ITimer Inner { get; set; } = null!;

        public DateTimeOffset? Due { get; private set; }

        public void Schedule(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._lock)
            {
                _period = period;
                Due = dueTime == Timeout.InfiniteTimeSpan ? null : clock.GetUtcNow() + dueTime;
                if (Due is null)
                {
                    clock._timers.Remove(this);
                }
                else
                {
                    clock._timers.Add(this);
                }
            }

            clock.Touch();
        }

        public void Fired()
        {
            lock (clock._lock)
            {
                if (_period > TimeSpan.Zero && _period != Timeout.InfiniteTimeSpan)
                {
                    Due = clock.GetUtcNow() + _period;
                }
                else
                {
                    Due = null;
                    clock._timers.Remove(this);
                }
            }

            clock.Touch();
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            Schedule(dueTime, period);
            return Inner.Change(dueTime, period);
        }

        public void Dispose()
        {
            lock (clock._lock)
            {
                Due = null;
                clock._timers.Remove(this);
            }

            Inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return default;
        }
    }
}
