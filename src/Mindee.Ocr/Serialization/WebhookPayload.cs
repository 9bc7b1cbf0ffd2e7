using System;

namespace Mindee.Ocr.Serialization;

/// <summary>
/// Either shape of a webhook body, read in one pass: <c>{"inference": …}</c> on success,
/// <c>{inference_id, model_id, file_name, file_alias, error, created_at}</c> on failure.
/// </summary>
internal sealed class WebhookPayload
{
    public OcrInference? Inference { get; init; }

    public string? InferenceId { get; init; }

    public string? ModelId { get; init; }

    public string? FileName { get; init; }

    public string? FileAlias { get; init; }

    public MindeeProblem? Error { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }
}
