using System;
using System.Threading.RateLimiting;

namespace Mindee.Ocr;

/// <summary>How <see cref="IMindeeOcrClient.ProcessManyAsync(System.Collections.Generic.IEnumerable{OcrInput}, OcrBatchOptions?, System.Threading.CancellationToken)"/> runs a batch.</summary>
public sealed record OcrBatchOptions
{
    /// <summary>The default <see cref="MaxConcurrency"/>: enough documents in flight to use the whole enqueue rate limit (200 a minute) when a document spends up to about 30 s in flight.</summary>
    public const int DefaultMaxConcurrency = 100;

    /// <summary>
    /// How many documents are in flight at once (being sent, processed or fetched), from 1 to
    /// 10,000; <see cref="DefaultMaxConcurrency"/> unless set. Also bounds the connections a batch opens.
    /// </summary>
    public int MaxConcurrency
    {
        get;
        init => field = value is >= 1 and <= 10_000 ? value : throw new ArgumentOutOfRangeException(nameof(MaxConcurrency), value, "MaxConcurrency is from 1 to 10,000.");
    } = DefaultMaxConcurrency;

    /// <summary>
    /// Paces the enqueues. Null for the default: a token bucket at the service's limit (200 a
    /// minute per organisation), refilled continuously on the client's clock and shared by every
    /// batch of every client in the process that uses the same service, API key and clock. Give a distributed limiter to share one budget between processes.
    /// A lease is taken per request and released at once, so use a rate limiter (token bucket,
    /// sliding or fixed window), not a concurrency limiter. A refused lease is asked again after
    /// its <c>RetryAfter</c> metadata, or after a short backoff (about once a second per waiting
    /// document, once refused a few times in a row).
    /// </summary>
    public RateLimiter? EnqueueRateLimiter { get; init; }

    /// <summary>
    /// Paces the polls and result fetches. Null for the default: a token bucket at the service's
    /// limit (1,200 a minute per organisation), shared like <see cref="EnqueueRateLimiter"/>'s.
    /// Same rules as <see cref="EnqueueRateLimiter"/>.
    /// </summary>
    public RateLimiter? RequestRateLimiter { get; init; }

    /// <summary>Where the batch reports how it stands, at each document's start and end, and while uploads stream.</summary>
    public IProgress<OcrBatchProgress>? Progress { get; init; }

    /// <summary>
    /// Records what was enqueued and completed, so a run after a crash or a cancellation skips
    /// completed documents and waits for enqueued ones by job id instead of sending (and paying
    /// for) them again. See <see cref="OcrBatchJournal.Open(string)"/>. Null for none.
    /// </summary>
    public IOcrBatchJournal? Journal { get; init; }

    /// <summary>
    /// Per-document settings (alias, webhooks, model, file name): called with each input and its
    /// 0-based index, once, before the document is sent. Null, or a null return, for the client's defaults.
    /// </summary>
    public Func<OcrInput, int, EnqueueOptions?>? EnqueueOptionsFor { get; init; }
}
