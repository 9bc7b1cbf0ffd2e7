using System;

namespace Mindee.Ocr;

/// <summary>Where a batch stands: counts of documents, bytes sent, time spent and left.</summary>
public sealed record OcrBatchProgress
{
    /// <summary>How many documents the batch has, when the input sequence says without being read (a collection); null otherwise.</summary>
    public int? Total { get; init; }

    /// <summary>How many documents have not started yet, when <see cref="Total"/> is known; null otherwise.</summary>
    public int? Queued { get; init; }

    /// <summary>How many documents are being sent, processed or fetched now.</summary>
    public int InFlight { get; init; }

    /// <summary>How many documents were processed.</summary>
    public int Succeeded { get; init; }

    /// <summary>How many documents failed.</summary>
    public int Failed { get; init; }

    /// <summary>How many documents were done in an earlier run (see <see cref="OcrBatchOptions.Journal"/>).</summary>
    public int Skipped { get; init; }

    /// <summary>The bytes of the documents themselves sent so far (not the request framing).</summary>
    public long BytesSent { get; init; }

    /// <summary>The time since the batch started, on the client's clock.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>The time left at the pace so far, when <see cref="Total"/> is known and a document has ended; null otherwise.</summary>
    public TimeSpan? EstimatedRemaining { get; init; }

    /// <summary>The counts on one line.</summary>
    /// <returns>Such as <c>12/40 done (1 failed, 0 skipped), 8 in flight, 3.2 MB sent, 00:01:05 elapsed</c>.</returns>
    public override string ToString()
    {
        int done = Succeeded + Failed + Skipped;
        return $"{done}{(Total is { } total ? "/" + total : string.Empty)} done ({Failed} failed, {Skipped} skipped), {InFlight} in flight, "
            + $"{BytesSent / 1e6:0.0} MB sent, {Elapsed:hh\\:mm\\:ss} elapsed"
            + (EstimatedRemaining is { } left ? $", about {left:hh\\:mm\\:ss} left" : string.Empty);
    }
}
