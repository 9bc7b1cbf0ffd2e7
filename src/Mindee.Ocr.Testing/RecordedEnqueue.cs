using System.Collections.Generic;

namespace Mindee.Ocr.Testing;

/// <summary>What the application sent in one enqueue, as the fake service received it.</summary>
public sealed record RecordedEnqueue
{
    /// <summary>The id the fake gave the job.</summary>
    public required string JobId { get; init; }

    /// <summary>
    /// How the document came: <see cref="OcrInputKind.Url"/>, <see cref="OcrInputKind.Base64"/>, or a
    /// file part (<see cref="OcrInputKind.File"/>) for files, streams and bytes alike.
    /// </summary>
    public required OcrInputKind Kind { get; init; }

    /// <summary>The file name sent, if any.</summary>
    public string? FileName { get; init; }

    /// <summary>The document's size in bytes (decoded, for base64); 0 for a URL.</summary>
    public long ByteCount { get; init; }

    /// <summary>The file part's content type, if any.</summary>
    public string? ContentType { get; init; }

    /// <summary>The model id sent.</summary>
    public string? ModelId { get; init; }

    /// <summary>The alias sent, if any.</summary>
    public string? Alias { get; init; }

    /// <summary>The webhook ids sent.</summary>
    public IReadOnlyList<string> WebhookIds { get; init; } = [];

    /// <summary>The URL sent, for a URL input.</summary>
    public string? Url { get; init; }
}
