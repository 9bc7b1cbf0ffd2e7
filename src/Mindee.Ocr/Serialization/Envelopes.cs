using System;

namespace Mindee.Ocr.Serialization;

/// <summary>The body of the job endpoints: <c>{"job": …}</c>.</summary>
internal sealed class JobEnvelope
{
    public required OcrJob Job { get; init => field = value ?? throw new ArgumentNullException(nameof(Job)); }
}

/// <summary>The body of the result endpoint and of a successful webhook: <c>{"inference": …}</c>.</summary>
internal sealed class InferenceEnvelope
{
    public required OcrInference Inference { get; init => field = value ?? throw new ArgumentNullException(nameof(Inference)); }
}
