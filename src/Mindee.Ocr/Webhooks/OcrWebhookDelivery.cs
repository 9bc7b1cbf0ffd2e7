using System;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Mindee.Ocr.Serialization;

namespace Mindee.Ocr;

/// <summary>
/// One webhook delivery from the service: either the result (<see cref="Inference"/>, the same
/// models as <see cref="IMindeeOcrClient.GetResultAsync"/>) or a failure (<see cref="Failure"/>).
/// Deliveries can repeat: de-duplicate on <see cref="InferenceId"/>. Verify the signature with
/// <see cref="OcrWebhookSignature"/> before trusting a delivery.
/// </summary>
public sealed class OcrWebhookDelivery
{
    private OcrWebhookDelivery(OcrInference? inference, OcrWebhookFailure? failure)
    {
        Inference = inference;
        Failure = failure;
    }

    /// <summary>The result, when processing succeeded; null for a failure.</summary>
    public OcrInference? Inference { get; }

    /// <summary>The failure, when processing failed; null for a result.</summary>
    public OcrWebhookFailure? Failure { get; }

    /// <summary>True when the delivery carries a result (<see cref="Inference"/>); false for a failure (<see cref="Failure"/>).</summary>
    [MemberNotNullWhen(true, nameof(Inference))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool IsSuccess => Inference is not null;

    /// <summary>The inference (and job) id the delivery is about: the key to de-duplicate repeated deliveries on.</summary>
    public string InferenceId => IsSuccess ? Inference.Id : Failure.InferenceId;

    /// <summary>What the delivery carries, on one line.</summary>
    /// <returns>Such as <c>Result: Inference 1234 of invoice.pdf: 3 pages, …</c> or <c>Failure: Inference 1234 (scan.pdf) failed: …</c>.</returns>
    public override string ToString() => IsSuccess ? "Result: " + Inference : "Failure: " + Failure;

    /// <summary>A delivery carrying a result, for tests.</summary>
    /// <param name="inference">The result.</param>
    /// <returns>The delivery.</returns>
    public static OcrWebhookDelivery FromResult(OcrInference inference) =>
        new(inference ?? throw new ArgumentNullException(nameof(inference)), null);

    /// <summary>A delivery carrying a failure, for tests.</summary>
    /// <param name="failure">The failure.</param>
    /// <returns>The delivery.</returns>
    public static OcrWebhookDelivery FromFailure(OcrWebhookFailure failure) =>
        new(null, failure ?? throw new ArgumentNullException(nameof(failure)));

    /// <summary>Reads a delivery's body.</summary>
    /// <param name="body">The raw body, UTF-8 JSON.</param>
    /// <returns>The delivery.</returns>
    /// <exception cref="MindeeOcrException">The body is not JSON, or is neither a result nor a failure; the message says why.</exception>
    public static OcrWebhookDelivery Parse(ReadOnlySpan<byte> body) =>
        FromPayload(JsonReading.Read(body, MindeeJsonContext.Default.WebhookPayload, Subject, What));

    /// <summary>Reads a delivery's body from a stream.</summary>
    /// <param name="body">The raw body, UTF-8 JSON; not disposed.</param>
    /// <param name="cancellationToken">Cancels the reading.</param>
    /// <returns>The delivery.</returns>
    /// <exception cref="MindeeOcrException">The body is not JSON, or is neither a result nor a failure; the message says why.</exception>
    public static async Task<OcrWebhookDelivery> ParseAsync(Stream body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        return FromPayload(await JsonReading.ReadAsync(body, MindeeJsonContext.Default.WebhookPayload, Subject, What, cancellationToken).ConfigureAwait(false));
    }

    private const string Subject = "The webhook body";

    private const string What = "a Mindee OCR delivery";

    private static OcrWebhookDelivery FromPayload(WebhookPayload payload)
    {
        if (payload.Inference is { } inference)
        {
            return new OcrWebhookDelivery(inference, null);
        }

        if (payload.InferenceId is { Length: > 0 } id)
        {
            return new OcrWebhookDelivery(null, new OcrWebhookFailure
            {
                InferenceId = id,
                ModelId = payload.ModelId,
                FileName = payload.FileName,
                FileAlias = payload.FileAlias,
                Error = payload.Error,
                CreatedAt = payload.CreatedAt,
            });
        }

        throw new MindeeOcrException(
            "The webhook body is neither a result (an \"inference\" object) nor a failure (an \"inference_id\" with an \"error\").",
            MindeeOcrFailureKind.UnreadableBody);
    }
}
