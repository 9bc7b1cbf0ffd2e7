using System;
using System.Threading;

namespace Mindee.Ocr;

/// <summary>
/// A batch's counts, reported to the caller's <see cref="IProgress{T}"/> when a document starts or
/// ends, and while uploads stream (at most four times a second, on the client's clock).
/// </summary>
internal sealed class BatchProgress(IProgress<OcrBatchProgress>? sink, TimeProvider time, int? total)
{
    private static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(250);

    private readonly long _started = time.GetTimestamp();
    private readonly object _lock = new();
    private readonly object _reporting = new();
    private int _begun;
    private int _inFlight;
    private int _succeeded;
    private int _failed;
    private int _skipped;
    private long _bytes;
    private long _lastReport = long.MinValue;

    public void Started()
    {
        lock (_lock)
        {
            _begun++;
            _inFlight++;
        }

        Report(force: true);
    }

    /// <summary>A document stopped before its end (the batch stopped): it is no longer in flight nor counted as begun.</summary>
    public void Abandoned()
    {
        lock (_lock)
        {
            _begun--;
            _inFlight--;
        }

        Report(force: true);
    }

    public void Ended(OcrBatchItemStatus status)
    {
        lock (_lock)
        {
            _inFlight--;
            switch (status)
            {
                case OcrBatchItemStatus.Succeeded: _succeeded++; break;
                case OcrBatchItemStatus.Failed: _failed++; break;
                default: _skipped++; break;
            }
        }

        Report(force: true);
    }

    /// <summary>Where one document's upload reports its bytes.</summary>
    public DocumentBytes ForDocument() => new(this);

    public void Report(bool force)
    {
        if (sink is null)
        {
            return;
        }

        // One report at a time, in order: counts never seem to go backwards.
        lock (_reporting)
        {
            OcrBatchProgress report;
            lock (_lock)
            {
                long now = time.GetTimestamp();
                if (!force && _lastReport != long.MinValue && time.GetElapsedTime(_lastReport, now) < MinInterval)
                {
                    return;
                }

                _lastReport = now;
                var elapsed = time.GetElapsedTime(_started, now);
                int ended = _succeeded + _failed + _skipped;
                TimeSpan? left = null;
                if (total is { } all && ended > 0)
                {
                    left = TimeSpan.FromTicks((long)(elapsed.Ticks / (double)ended * Math.Max(0, all - ended)));
                }

                report = new OcrBatchProgress
                {
                    Total = total,
                    Queued = total is { } t ? Math.Max(0, t - _begun) : null,
                    InFlight = _inFlight,
                    Succeeded = _succeeded,
                    Failed = _failed,
                    Skipped = _skipped,
                    BytesSent = Interlocked.Read(ref _bytes),
                    Elapsed = elapsed,
                    EstimatedRemaining = left,
                };
            }

            try
            {
                sink.Report(report);
            }
            catch (Exception)
            {
                // A progress display that fails must not fail the documents it reports on.
            }
        }
    }

    private void AddBytes(long delta)
    {
        Interlocked.Add(ref _bytes, delta);
        Report(force: false);
    }

    /// <summary>One document's upload progress, turned into the batch's total of bytes sent.</summary>
    internal sealed class DocumentBytes(BatchProgress batch) : IProgress<OcrProgress>
    {
        private long _seen;

        public void Report(OcrProgress value)
        {
            // A re-sent upload counts from 0 again: only what goes past what was already counted adds.
            long delta = value.BytesSent - Interlocked.Read(ref _seen);
            if (delta > 0)
            {
                Interlocked.Add(ref _seen, delta);
                batch.AddBytes(delta);
            }
        }
    }
}
