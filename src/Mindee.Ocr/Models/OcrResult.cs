using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace Mindee.Ocr;

/// <summary>What the OCR found in a document.</summary>
public sealed record OcrResult
{
    /// <summary>Builds a result.</summary>
    /// <param name="pages">The document's pages, in order; copied.</param>
    [JsonConstructor]
    public OcrResult(IReadOnlyList<OcrPage> pages)
    {
        ArgumentNullException.ThrowIfNull(pages);
        Pages = ReadOnlyItems.Copy(pages);
    }

    /// <summary>The document's pages, in order.</summary>
    public IReadOnlyList<OcrPage> Pages { get; }
}
