using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;

namespace Mindee.Ocr;

/// <summary>
/// A token bucket on a <see cref="TimeProvider"/>, refilled continuously (not in whole periods):
/// the BCL's limiters refill on real time, which would stall a batch on a fake clock. Waiters are
/// served first come, first served; a request for more tokens than the bucket holds is refused.
/// </summary>
internal sealed class ClockTokenBucket : RateLimiter
{
    private readonly int _capacity;
    private readonly double _perSecond;
    private readonly TimeProvider _time;
    private readonly ITimer _timer;
    private readonly Queue<Waiter> _waiters = new();
    private readonly object _lock = new();
    private double _tokens;
    private long _refilled;
    private long? _fullSince;
    private long _successful;
    private long _failed;

    /// <param name="capacity">The most tokens the bucket holds (the largest burst).</param>
    /// <param name="perMinute">Tokens added per minute, continuously.</param>
    /// <param name="time">The clock.</param>
    public ClockTokenBucket(int capacity, double perMinute, TimeProvider time)
    {
        _capacity = capacity;
        _perSecond = perMinute / 60;
        _time = time;
        _tokens = capacity;
        _refilled = time.GetTimestamp();
        _fullSince = _refilled;
        _timer = time.CreateTimer(static state => ((ClockTokenBucket)state!).Serve(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_lock)
            {
                Refill();
                return _fullSince is { } since ? _time.GetElapsedTime(since) : null;
            }
        }
    }

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_lock)
        {
            Refill();
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = (long)_tokens,
                CurrentQueuedCount = _waiters.Count,
                TotalSuccessfulLeases = _successful,
                TotalFailedLeases = _failed,
            };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        CheckCount(permitCount);
        lock (_lock)
        {
            Refill();
            if (_waiters.Count == 0 && _tokens >= permitCount)
            {
                Take(permitCount);
                return Lease.Acquired;
            }

            _failed++;
            return Lease.Refused(TimeUntil(permitCount + Queued()));
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        CheckCount(permitCount);
        cancellationToken.ThrowIfCancellationRequested();
        Waiter waiter;
        lock (_lock)
        {
            Refill();
            if (_waiters.Count == 0 && _tokens >= permitCount)
            {
                Take(permitCount);
                return new ValueTask<RateLimitLease>(Lease.Acquired);
            }

            waiter = new Waiter(permitCount);
            _waiters.Enqueue(waiter);
            if (cancellationToken.CanBeCanceled)
            {
                // Under the lock: Serve reads the registration under it too. (A token cancelled
                // already runs the callback here; the lock is re-entrant.)
                waiter.Registration = cancellationToken.Register(static state =>
                {
                    var (bucket, w, token) = ((ClockTokenBucket, Waiter, CancellationToken))state!;
                    if (w.Completion.TrySetCanceled(token))
                    {
                        bucket.Serve(); // the waiter behind it may be served now
                    }
                }, (this, waiter, cancellationToken));
            }

            Arm();
        }

        return new ValueTask<RateLimitLease>(waiter.Completion.Task);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _timer.Dispose();
            lock (_lock)
            {
                while (_waiters.Count > 0)
                {
                    _waiters.Dequeue().Completion.TrySetResult(Lease.Refused(null));
                }
            }
        }

        base.Dispose(disposing);
    }

    private void CheckCount(int permitCount)
    {
        if (permitCount < 0 || permitCount > _capacity)
        {
            throw new ArgumentOutOfRangeException(nameof(permitCount), permitCount, $"The bucket holds at most {_capacity} tokens.");
        }
    }

    /// <summary>Hands tokens to the waiters in order, as far as they go; arms the timer for the next.</summary>
    private void Serve()
    {
        List<Waiter>? served = null;
        lock (_lock)
        {
            Refill();
            while (_waiters.Count > 0)
            {
                var next = _waiters.Peek();
                if (next.Completion.Task.IsCompleted)
                {
                    _waiters.Dequeue(); // cancelled
                    continue;
                }

                if (_tokens < next.Count)
                {
                    break;
                }

                _waiters.Dequeue();
                Take(next.Count);
                next.Registration.Dispose();
                (served ??= []).Add(next);
            }

            Arm();
        }

        if (served is not null)
        {
            foreach (var waiter in served)
            {
                if (!waiter.Completion.TrySetResult(Lease.Acquired))
                {
                    lock (_lock)
                    {
                        _tokens = Math.Min(_capacity, _tokens + waiter.Count); // cancelled meanwhile: give its tokens back
                        _successful--;
                    }
                }
            }
        }
    }

    private void Arm()
    {
        while (_waiters.Count > 0 && _waiters.Peek().Completion.Task.IsCompleted)
        {
            _waiters.Dequeue();
        }

        var due = _waiters.Count == 0 ? Timeout.InfiniteTimeSpan : TimeUntil(_waiters.Peek().Count);
        _timer.Change(due, Timeout.InfiniteTimeSpan);
    }

    private int Queued()
    {
        int count = 0;
        foreach (var waiter in _waiters)
        {
            count += waiter.Count;
        }

        return count;
    }

    private TimeSpan TimeUntil(int tokens)
    {
        double missing = tokens - _tokens;
        return missing <= 0 ? TimeSpan.Zero : TimeSpan.FromTicks((long)Math.Ceiling(missing / _perSecond * TimeSpan.TicksPerSecond));
    }

    private void Take(int count)
    {
        _tokens -= count;
        _successful++;
        _fullSince = null;
    }

    private void Refill()
    {
        long now = _time.GetTimestamp();
        double seconds = _time.GetElapsedTime(_refilled, now).TotalSeconds;
        _refilled = now;
        if (seconds > 0)
        {
            _tokens = Math.Min(_capacity, _tokens + (seconds * _perSecond));
        }

        if (_tokens >= _capacity && _fullSince is null)
        {
            _fullSince = now;
        }
    }

    private sealed class Waiter(int count)
    {
        public int Count { get; } = count;

        public TaskCompletionSource<RateLimitLease> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationTokenRegistration Registration { get; set; }
    }

    private sealed class Lease : RateLimitLease
    {
        private readonly TimeSpan? _retryAfter;

        private Lease(bool acquired, TimeSpan? retryAfter)
        {
            IsAcquired = acquired;
            _retryAfter = retryAfter;
        }

        public static Lease Acquired { get; } = new(true, null);

        public override bool IsAcquired { get; }

        public override IEnumerable<string> MetadataNames => _retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public static Lease Refused(TimeSpan? retryAfter) => new(false, retryAfter);

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            if (_retryAfter is { } wait && metadataName == MetadataName.RetryAfter.Name)
            {
                metadata = wait;
                return true;
            }

            metadata = null;
            return false;
        }
    }
}
