using System;

namespace Mindee.Ocr;

/// <summary>What a webhook delivers when the service could not process a document.</summary>
public sealed record OcrWebhookFailure
{
    /// <summary>The inference's id (the same as its job's).</summary>
    public required string InferenceId { get; init => field = value ?? throw new ArgumentNullException(nameof(InferenceId)); }

    /// <summary>The model the document was sent to.</summary>
    public string? ModelId { get; init; }

    /// <summary>The document's name.</summary>
    public string? FileName { get; init; }

    /// <summary>The caller's alias, if one was sent.</summary>
    public string? FileAlias { get; init; }

    /// <summary>Why processing failed.</summary>
    public MindeeProblem? Error { get; init; }

    /// <summary>When the job was created, in UTC, if the service said.</summary>
    public DateTimeOffset? CreatedAt { get; init => field = value?.ToUniversalTime(); }

    /// <summary>The inference, the file and why it failed.</summary>
    /// <returns>Such as <c>Inference 1234 (scan.pdf) failed: 422 (422-102): Unreadable document</c>.</returns>
    public override string ToString() =>
        $"Inference {InferenceId}{(FileName is null ? string.Empty : $" ({FileName})")} failed{(Error is null ? string.Empty : ": " + Error)}";
}
