using System;
using System.Collections.Generic;
using System.Linq;

namespace Mindee.Ocr.Input;

/// <summary>The form fields that go with a document, checked.</summary>
internal sealed record EnqueueFields(string ModelId, string? Alias, IReadOnlyList<string> WebhookIds, string? FileName)
{
    /// <summary>The fields of <paramref name="options"/>, with the client's model id when the call names none.</summary>
    /// <exception cref="ArgumentException">No model id anywhere, an empty webhook id, or a broken file name; nothing was sent.</exception>
    public static EnqueueFields From(EnqueueOptions options, string? defaultModelId)
    {
        var modelId = (string.IsNullOrWhiteSpace(options.ModelId) ? null : options.ModelId) ?? defaultModelId ?? throw new ArgumentException(
            $"No model id: set EnqueueOptions.ModelId, MindeeOcrOptions.ModelId or the environment variable {MindeeOcrOptions.ModelIdEnvironmentVariable}. Nothing was sent.",
            nameof(options));
        var webhookIds = options.WebhookIds?.ToArray() ?? [];
        if (webhookIds.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("EnqueueOptions.WebhookIds holds an empty id. Nothing was sent.", nameof(options));
        }

        var fileName = options.FileName is null ? null : FileNames.Check(options.FileName, nameof(options));
        return new EnqueueFields(modelId, options.Alias, webhookIds, fileName);
    }
}
