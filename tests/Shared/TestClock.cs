using System;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace Mindee.Ocr.Harness;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that reports each timer the client starts, so a test (or a
/// simulation) can advance time exactly to the moment the client waits for, with no wall-clock
/// sleep. Shared by the tests and the benchmarks (linked into each). Timers at or beyond
/// <see cref="RequestTimeoutThreshold"/> (90 s: the client's waits are shorter, its request
/// timeouts in tests longer) are request timeouts, not waits, and are not reported.
/// </summary>
public sealed class TestClock : FakeTimeProvider
{
    private readonly Channel<TimeSpan> _waits = Channel.CreateUnbounded<TimeSpan>();

    // A read of the next wait that outlived the call that started it (the operation ended first):
    // the next call takes it over, so no reported wait is ever swallowed.
    private Task<TimeSpan>? _pendingWait;
    private int _advances;

    public TestClock()
        : base(new DateTimeOffset(2025, 7, 3, 14, 27, 58, TimeSpan.Zero))
    {
    }

    /// <summary>Timers this long or longer are request timeouts: the driver never advances to them.</summary>
    public TimeSpan RequestTimeoutThreshold { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>The time advanced so far by <see cref="RunAsync{T}"/>.</summary>
    public TimeSpan Advanced { get; private set; }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        // Register the timer first: reporting it before would let the driver advance the clock
        // before the timer exists, and the timer would then never fire.
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (dueTime != Timeout.InfiniteTimeSpan && dueTime < RequestTimeoutThreshold)
        {
            _waits.Writer.TryWrite(dueTime);
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
            var wait = await nextWait.ConfigureAwait(false);
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
        var next = _pendingWait ??= _waits.Reader.ReadAsync().AsTask();
        if (await Task.WhenAny(next, Task.Delay(TimeSpan.FromSeconds(20))).ConfigureAwait(false) != next)
        {
            throw new TimeoutException("The client started no wait within 20 s of real time.");
        }

        _pendingWait = null;
        return await next.ConfigureAwait(false);
    }
}
