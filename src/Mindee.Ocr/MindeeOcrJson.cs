using System;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Mindee.Ocr.Serialization;

namespace Mindee.Ocr;

/// <summary>
/// Reads and writes results and jobs in the service's own JSON form (<c>{"inference": …}</c>,
/// <c>{"job": …}</c>) without HTTP: to store results, read webhook deliveries, or build test
/// data. Source-generated, so trimming- and AOT-safe.
/// </summary>
/// <example>
/// <code>
/// byte[] json = MindeeOcrJson.SerializeToUtf8Bytes(result);
/// OcrInference again = MindeeOcrJson.DeserializeInference(json);
/// </code>
/// </example>
public static class MindeeOcrJson
{
    /// <summary>Reads an OCR result from the service's JSON, <c>{"inference": …}</c>.</summary>
    /// <param name="utf8Json">The JSON, UTF-8 encoded.</param>
    /// <returns>The result.</returns>
    /// <exception cref="MindeeOcrException">The JSON is malformed or not an OCR result; the inner exception says where.</exception>
    public static OcrInference DeserializeInference(ReadOnlySpan<byte> utf8Json) =>
        JsonReading.Read(utf8Json, MindeeJsonContext.Default.InferenceEnvelope, Subject, "an OCR result").Inference;

    /// <summary>Reads an OCR result from a stream of the service's JSON: read whole into one pooled buffer (never as text), then parsed in one pass.</summary>
    /// <param name="utf8Json">The JSON, UTF-8 encoded; not disposed.</param>
    /// <param name="cancellationToken">Cancels the reading.</param>
    /// <returns>The result.</returns>
    /// <exception cref="MindeeOcrException">The JSON is malformed or not an OCR result; the inner exception says where.</exception>
    public static async Task<OcrInference> DeserializeInferenceAsync(Stream utf8Json, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        var envelope = await JsonReading.ReadAsync(utf8Json, MindeeJsonContext.Default.InferenceEnvelope, Subject, "an OCR result", cancellationToken).ConfigureAwait(false);
        return envelope.Inference;
    }

    /// <summary>Reads a job from the service's JSON, <c>{"job": …}</c>.</summary>
    /// <param name="utf8Json">The JSON, UTF-8 encoded.</param>
    /// <returns>The job.</returns>
    /// <exception cref="MindeeOcrException">The JSON is malformed or not a job; the inner exception says where.</exception>
    public static OcrJob DeserializeJob(ReadOnlySpan<byte> utf8Json) =>
        JsonReading.Read(utf8Json, MindeeJsonContext.Default.JobEnvelope, Subject, "a job").Job;

    /// <summary>Writes an OCR result in the service's JSON form, <c>{"inference": …}</c>.</summary>
    /// <param name="inference">The result.</param>
    /// <returns>The JSON, UTF-8 encoded.</returns>
    public static byte[] SerializeToUtf8Bytes(OcrInference inference)
    {
        ArgumentNullException.ThrowIfNull(inference);
        return JsonSerializer.SerializeToUtf8Bytes(new InferenceEnvelope { Inference = inference }, MindeeJsonContext.Default.InferenceEnvelope);
    }

    /// <summary>Writes an OCR result in the service's JSON form to a stream.</summary>
    /// <param name="utf8Json">Where to write; not disposed.</param>
    /// <param name="inference">The result.</param>
    /// <param name="cancellationToken">Cancels the writing.</param>
    /// <returns>A task that ends when the JSON is written.</returns>
    public static Task SerializeAsync(Stream utf8Json, OcrInference inference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        ArgumentNullException.ThrowIfNull(inference);
        return JsonSerializer.SerializeAsync(utf8Json, new InferenceEnvelope { Inference = inference }, MindeeJsonContext.Default.InferenceEnvelope, cancellationToken);
    }

    /// <summary>Writes a job in the service's JSON form, <c>{"job": …}</c>.</summary>
    /// <param name="job">The job.</param>
    /// <returns>The JSON, UTF-8 encoded.</returns>
    public static byte[] SerializeToUtf8Bytes(OcrJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return JsonSerializer.SerializeToUtf8Bytes(new JobEnvelope { Job = job }, MindeeJsonContext.Default.JobEnvelope);
    }

    private const string Subject = "The JSON";
}
