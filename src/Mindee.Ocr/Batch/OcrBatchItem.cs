using System;
using System.Diagnostics.CodeAnalysis;

namespace Mindee.Ocr;

/// <summary>One document of a batch, as it ended: its result, or why it has none.</summary>
public sealed record OcrBatchItem
{
    /// <summary>The document's 0-based position in the batch's input sequence.</summary>
    public required int Index { get; init; }

    /// <summary>
    /// What identifies the document in the batch and its journal: its alias when set, else the
    /// file's full path, the URL, or the name given to a stream, bytes or base64 input.
    /// </summary>
    public required string Key { get; init => field = value ?? throw new ArgumentNullException(nameof(Key)); }

    /// <summary>How the document ended.</summary>
    public required OcrBatchItemStatus Status { get; init; }

    /// <summary>The job's id, once the document was enqueued (in this run or an earlier one); null before.</summary>
    public string? JobId { get; init; }

    /// <summary>The OCR, when <see cref="Status"/> is <see cref="OcrBatchItemStatus.Succeeded"/>; null otherwise.</summary>
    public OcrInference? Result { get; init; }

    /// <summary>Why the document failed, when <see cref="Status"/> is <see cref="OcrBatchItemStatus.Failed"/>: the exception the single call would have thrown.</summary>
    public Exception? Error { get; init; }

    /// <summary>Whether the document was processed in this run: <see cref="Result"/> is then set.</summary>
    [MemberNotNullWhen(true, nameof(Result), nameof(JobId))]
    public bool IsSuccess => Status == OcrBatchItemStatus.Succeeded && Result is not null && JobId is not null;

    /// <summary>Whether the document failed: <see cref="Error"/> is then set.</summary>
    [MemberNotNullWhen(true, nameof(Error))]
    public bool IsFailed => Status == OcrBatchItemStatus.Failed && Error is not null;

    /// <summary>The position, key and outcome.</summary>
    /// <returns>Such as <c>#3 invoice.pdf: Failed (The service could not process…)</c>.</returns>
    public override string ToString() => Status switch
    {
        OcrBatchItemStatus.Failed => $"#{Index} {Key}: Failed ({Error?.Message})",
        _ => $"#{Index} {Key}: {Status}" + (JobId is null ? string.Empty : $", job {JobId}"),
    };
}
