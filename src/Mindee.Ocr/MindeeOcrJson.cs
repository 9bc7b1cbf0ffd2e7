using System;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Mindee.Ocr.Http;

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
    public static OcrInference DeserializeInference(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            return JsonSerializer.Deserialize(utf8Json, MindeeJsonContext.Default.InferenceEnvelope)?.Inference
                ?? throw new JsonException("The JSON is the literal null.");
        }
        catch (Exception ex) when (ErrorResponses.IsReadFailure(ex))
        {
            throw Unreadable("an OCR result", ex);
        }
    }

    /// <summary>Reads an OCR result from a stream of the service's JSON, without buffering it as text.</summary>
    /// <param name="utf8Json">The JSON, UTF-8 encoded; not disposed.</param>
    /// <param name="cancellationToken">Cancels the reading.</param>
    /// <returns>The result.</returns>
    /// <exception cref="MindeeOcrException">The JSON is malformed or not an OCR result; the inner exception says where.</exception>
    public static async Task<OcrInference> DeserializeInferenceAsync(Stream utf8Json, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        try
        {
            var envelope = await JsonSerializer.DeserializeAsync(utf8Json, StreamedJson.Inference, cancellationToken).ConfigureAwait(false);
            return envelope?.Inference ?? throw new JsonException("The JSON is the literal null.");
        }
        catch (Exception ex) when (ErrorResponses.IsReadFailure(ex))
        {
            throw Unreadable("an OCR result", ex);
        }
    }

    /// <summary>Reads a job from the service's JSON, <c>{"job": …}</c>.</summary>
    /// <param name="utf8Json">The JSON, UTF-8 encoded.</param>
    /// <returns>The job.</returns>
    /// <exception cref="MindeeOcrException">The JSON is malformed or not a job; the inner exception says where.</exception>
    public static OcrJob DeserializeJob(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            return JsonSerializer.Deserialize(utf8Json, MindeeJsonContext.Default.JobEnvelope)?.Job
                ?? throw new JsonException("The JSON is the literal null.");
        }
        catch (Exception ex) when (ErrorResponses.IsReadFailure(ex))
        {
            throw Unreadable("a job", ex);
        }
    }

    /// <summary>Writes an OCR result in the service's JSON form, <c>{"inference": …}</c>.</summary>
    /// <param name="inference">The result.</param>
    /// <returns>The JSON, UTF-8 encoded.</returns>
    public static byte[] SerializeToUtf8Bytes(OcrInference inference)
    {
        ArgumentNullException.ThrowIfNull(inference);
        return JsonSerializer.SerializeToUtf8Bytes(new InferenceEnvelope(inference), MindeeJsonContext.Default.InferenceEnvelope);
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
        return JsonSerializer.SerializeAsync(utf8Json, new InferenceEnvelope(inference), MindeeJsonContext.Default.InferenceEnvelope, cancellationToken);
    }

    /// <summary>Writes a job in the service's JSON form, <c>{"job": …}</c>.</summary>
    /// <param name="job">The job.</param>
    /// <returns>The JSON, UTF-8 encoded.</returns>
    public static byte[] SerializeToUtf8Bytes(OcrJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return JsonSerializer.SerializeToUtf8Bytes(new JobEnvelope(job), MindeeJsonContext.Default.JobEnvelope);
    }

    private static MindeeOcrException Unreadable(string what, Exception ex) =>
        ErrorResponses.Unreadable("The JSON could not be read as " + what, ex);
}
