using System.Collections.Generic;

namespace Mindee.Ocr.Testing;

/// <summary>What the application sent in one enqueue, as the fake service received it.</summary>
/// <param name="JobId">The id the fake gave the job.</param>
/// <param name="Kind">How the document came: <see cref="OcrInputKind.Url"/>, <see cref="OcrInputKind.Base64"/>, or a file part (<see cref="OcrInputKind.File"/>) for files, streams and bytes alike.</param>
/// <param name="FileName">The file name sent, if any.</param>
/// <param name="ByteCount">The document's size in bytes (decoded, for base64); 0 for a URL.</param>
/// <param name="ContentType">The file part's content type, if any.</param>
/// <param name="ModelId">The model id sent.</param>
/// <param name="Alias">The alias sent, if any.</param>
/// <param name="WebhookIds">The webhook ids sent.</param>
/// <param name="Url">The URL sent, for a URL input.</param>
public sealed record RecordedEnqueue(
    string JobId,
    OcrInputKind Kind,
    string? FileName,
    long ByteCount,
    string? ContentType,
    string? ModelId,
    string? Alias,
    IReadOnlyList<string> WebhookIds,
    string? Url);
