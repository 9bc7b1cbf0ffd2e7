using System;
using System.Threading;

namespace Mindee.Ocr.Testing;

/// <summary>
/// The clock of the clients made by <see cref="FakeMindeeService.CreateClient"/>: the fake's own
/// clock plus the time the clients have waited. Each wait a client starts (a poll's delay, a
/// retry's backoff) moves the clock to the wait's end at once and fires, so it takes no real time
/// and every reader of the clock sees exactly the time waited. The timeouts a client sets on its
/// requests (a <see cref="CancellationTokenSource"/>'s timer) are not waits: they stay on the
/// underlying clock, as in production, so they never fire by accident.
/// </summary>
/// <remarks>
/// Concurrent waits each bring the clock at least to their own end, never backwards, so ten jobs
/// waited for at once all see consistent time. A periodic timer fires once: the client starts none.
/// </remarks>
internal sealed class SelfAdvancingClock(TimeProvider underlying) : TimeProvider
{
    private readonly object _advancing = new();
    private long _offsetTicks;

    public override long TimestampFrequency => underlying.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => underlying.LocalTimeZone;

    private TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => underlying.GetUtcNow() + Offset;

    public override long GetTimestamp() =>
        underlying.GetTimestamp() + (long)(Interlocked.Read(ref _offsetTicks) * ((double)underlying.TimestampFrequency / TimeSpan.TicksPerSecond));

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        state is CancellationTokenSource
            ? underlying.CreateTimer(callback, state, dueTime, period)
            : new WaitTimer(this, callback, state, dueTime);

    private void AdvanceTo(DateTimeOffset end)
    {
        lock (_advancing)
        {
            var behind = end - GetUtcNow();
            if (behind > TimeSpan.Zero)
            {
                Interlocked.Add(ref _offsetTicks, behind.Ticks);
            }
        }
    }

    /// <summary>A wait: on the thread pool (never inline, the timer's owner may still be setting up), the clock moves to its end, then it fires.</summary>
    private sealed class WaitTimer : ITimer
    {
        private readonly SelfAdvancingClock _clock;
        private readonly TimerCallback _callback;
        private readonly object? _state;
        private int _generation;

        public WaitTimer(SelfAdvancingClock clock, TimerCallback callback, object? state, TimeSpan dueTime)
        {
            _clock = clock;
            _callback = callback;
            _state = state;
            Change(dueTime, Timeout.InfiniteTimeSpan);
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            int generation = Interlocked.Increment(ref _generation);
            if (generation < 0 || dueTime == Timeout.InfiniteTimeSpan)
            {
                return generation >= 0;
            }

            var end = _clock.GetUtcNow() + dueTime;
            ThreadPool.QueueUserWorkItem(static s => ((Firing)s!).Run(), new Firing(this, generation, end));
            return true;
        }

        public void Dispose() => Volatile.Write(ref _generation, int.MinValue);

        public System.Threading.Tasks.ValueTask DisposeAsync()
        {
            Dispose();
            return default;
        }

        private void Fire(int generation, DateTimeOffset end)
        {
            // Changed or disposed since: this firing is void (and the time is not spent).
            if (Volatile.Read(ref _generation) != generation)
            {
                return;
            }

            _clock.AdvanceTo(end);
            _callback(_state);
        }

        private sealed class Firing(WaitTimer timer, int generation, DateTimeOffset end)
        {
            public void Run() => timer.Fire(generation, end);
        }
    }
}
