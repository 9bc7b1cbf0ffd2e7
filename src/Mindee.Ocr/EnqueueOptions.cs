using System.Collections.Generic;

namespace Mindee.Ocr;

/// <summary>Per-document settings of an enqueue.</summary>
public sealed record EnqueueOptions
{
    /// <summary>The model to use for this document; null for <see cref="MindeeOcrOptions.ModelId"/>.</summary>
    public string? ModelId { get; init; }

    /// <summary>
    /// A free-form tag echoed in the job and the result, such as your own document id. Set one:
    /// after an enqueue whose outcome is unknown, it is how you find the job again.
    /// </summary>
    public string? Alias { get; init; }

    /// <summary>Webhooks the service calls when processing ends; copied (read-only, compared by content).</summary>
    public IReadOnlyList<string>? WebhookIds { get; init => field = value is null ? null : ItemList<string>.Copy(value, nameof(WebhookIds)); }

    /// <summary>The file name to send; overrides the input's own name (and names a URL's document).</summary>
    public string? FileName { get; init; }
}
