using System;

namespace Mindee.Ocr;

/// <summary>What a webhook delivers when the service could not process a document.</summary>
/// <param name="InferenceId">The inference's id (the same as its job's).</param>
/// <param name="ModelId">The model the document was sent to.</param>
/// <param name="FileName">The document's name.</param>
/// <param name="FileAlias">The caller's alias, if one was sent.</param>
/// <param name="Error">Why processing failed.</param>
/// <param name="CreatedAt">When the job was created, in UTC, if the service said.</param>
public sealed record OcrWebhookFailure(
    string InferenceId,
    string? ModelId,
    string? FileName,
    string? FileAlias,
    MindeeProblem? Error,
    DateTimeOffset? CreatedAt);
