using System;

namespace Mindee.Ocr;

/// <summary>What a batch journal knows about one document.</summary>
public sealed record OcrBatchJournalEntry
{
    /// <summary>The document's key (see <see cref="OcrBatchItem.Key"/>).</summary>
    public required string Key { get; init => field = value ?? throw new ArgumentNullException(nameof(Key)); }

    /// <summary>How far the document got.</summary>
    public required OcrBatchJournalState State { get; init; }

    /// <summary>Its job's id; null when <see cref="State"/> is <see cref="OcrBatchJournalState.MayHaveBeenEnqueued"/>.</summary>
    public string? JobId { get; init; }
}

/// <summary>How far a journaled document got.</summary>
public enum OcrBatchJournalState
{
    /// <summary>Enqueued as a job: a later run waits for that job by id, never sends the document again.</summary>
    Enqueued,

    /// <summary>Done and taken by the consumer: a later run skips it.</summary>
    Completed,

    /// <summary>
    /// Its upload failed in a way that may have enqueued it anyway (the job id is unknown): a later
    /// run reports it failed rather than risk paying for it twice. Remove its entry to send it again.
    /// </summary>
    MayHaveBeenEnqueued,
}
