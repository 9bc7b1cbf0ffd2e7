using System;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace Mindee.Ocr.Harness;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that reports each wait the client starts (its delays), so a test
/// (or a simulation) can advance time exactly to the moment the client waits for, with no
/// wall-clock sleep. Shared by the tests and the benchmarks (linked into each). Timeouts (the timers
/// of a <see cref="CancellationTokenSource"/>, such as a request's) are not waits: they are reported
/// only when shorter than <see cref="RequestTimeoutThreshold"/>, for a test that wants one to fire.
/// </summary>
public sealed class TestClock : FakeTimeProvider
{
    private readonly Channel<ReportedTimer> _waits = Channel.CreateUnbounded<ReportedTimer>();

    // A read of the next wait that outlived the call that started it (the operation ended first):
    // the next call takes it over, so no reported wait is ever swallowed. One caller at a time:
    // RunAsync and NextWaitAsync are not meant to run at once.
    private Task<ReportedTimer>? _pendingWait;
    private int _advances;

    public TestClock()
        : base(new DateTimeOffset(2025, 7, 3, 14, 27, 58, TimeSpan.Zero))
    {
    }

    /// <summary>Timeouts shorter than this are reported like waits, so the driver advances to them; none by default.</summary>
    public TimeSpan RequestTimeoutThreshold { get; set; } = TimeSpan.Zero;

    /// <summary>The time advanced so far by <see cref="RunAsync{T}"/>.</summary>
    public TimeSpan Advanced { get; private set; }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        // Register the timer first: reporting it before would let the driver advance the clock
        // before the timer exists, and the timer would then never fire.
        var timer = new ReportedTimer(base.CreateTimer(callback, state, dueTime, period), dueTime);
        bool isTimeout = state is CancellationTokenSource;
        if (dueTime != Timeout.InfiniteTimeSpan && (!isTimeout || dueTime < RequestTimeoutThreshold))
        {
            _waits.Writer.TryWrite(timer);
        }

        return timer;
    }

    /// <summary>
    /// Awaits <paramref name="operation"/>, advancing time by each wait the client starts, until it
    /// ends. Fails (instead of hanging) when nothing happens for 20 s of real time.
    /// </summary>
    public async Task<T> RunAsync<T>(Task<T> operation, TimeSpan? stopAfter = null)
    {
        while (!operation.IsCompleted)
        {
            var nextWait = _pendingWait ??= _waits.Reader.ReadAsync().AsTask();
            var guard = Task.Delay(TimeSpan.FromSeconds(20));
            var first = await Task.WhenAny(operation, nextWait, guard).ConfigureAwait(false);
            if (first == operation)
            {
                break;
            }

            if (first == guard)
            {
                throw new TimeoutException($"The operation neither finished nor started a wait within 20 s of real time (after {_advances} waits, {Advanced} advanced; now {GetUtcNow():O}).");
            }

            _pendingWait = null;
            var timer = await nextWait.ConfigureAwait(false);
            if (timer.IsDisposed)
            {
                continue; // a timer that ended without firing (a request's timeout, say): nothing to wait for
            }

            var wait = timer.DueTime;
            if (stopAfter is { } limit && Advanced + wait > limit)
            {
                throw new InvalidOperationException($"The client asked to wait past {limit}.");
            }

            Advanced += wait;
            _advances++;
            Advance(wait);
        }

        return await operation.ConfigureAwait(false);
    }

    /// <summary>Waits (in real time, bounded) until the client starts a wait; returns its length without advancing.</summary>
    public async Task<TimeSpan> NextWaitAsync()
    {
        while (true)
        {
            var next = _pendingWait ??= _waits.Reader.ReadAsync().AsTask();
            if (await Task.WhenAny(next, Task.Delay(TimeSpan.FromSeconds(20))).ConfigureAwait(false) != next)
            {
                throw new TimeoutException("The client started no wait within 20 s of real time.");
            }

            _pendingWait = null;
            var timer = await next.ConfigureAwait(false);
            if (!timer.IsDisposed)
            {
                return timer.DueTime;
            }
        }
    }

    /// <summary>A timer of the client's, as reported: its due time, and whether it ended unfired.</summary>
    private sealed class ReportedTimer(ITimer inner, TimeSpan dueTime) : ITimer
    {
        private int _disposed;

        public TimeSpan DueTime { get; } = dueTime;

        public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(dueTime, period);

        public void Dispose()
        {
            Volatile.Write(ref _disposed, 1);
            inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Volatile.Write(ref _disposed, 1);
            return inner.DisposeAsync();
        }
    }
}
