namespace Mindee.Ocr.Http;

/// <summary>The body of the job endpoints: <c>{"job": …}</c>.</summary>
internal sealed record JobEnvelope(OcrJob Job);

/// <summary>The body of the result endpoint and of a successful webhook: <c>{"inference": …}</c>.</summary>
internal sealed record InferenceEnvelope(OcrInference Inference);
