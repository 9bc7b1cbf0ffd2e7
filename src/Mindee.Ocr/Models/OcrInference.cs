using System;

namespace Mindee.Ocr;

/// <summary>The OCR of one document: every page's text and every word with its polygon.</summary>
/// <remarks>
/// Read from the service, a webhook or <see cref="MindeeOcrJson"/>; in tests, built with the test
/// kit's <c>OcrResultFactory</c> or an object initializer. Two results read from the same JSON are equal.
/// </remarks>
public sealed record OcrInference
{
    /// <summary>The inference's id (the same value as its job's id).</summary>
    public required string Id { get; init => field = value ?? throw new ArgumentNullException(nameof(Id)); }

    /// <summary>The job it belongs to.</summary>
    public required JobReference Job { get; init => field = value ?? throw new ArgumentNullException(nameof(Job)); }

    /// <summary>The model it was made with.</summary>
    public required ModelReference Model { get; init => field = value ?? throw new ArgumentNullException(nameof(Model)); }

    /// <summary>The document it was made on.</summary>
    public required InferenceFile File { get; init => field = value ?? throw new ArgumentNullException(nameof(File)); }

    /// <summary>What was found.</summary>
    public required OcrResult Result { get; init => field = value ?? throw new ArgumentNullException(nameof(Result)); }

    /// <summary>A summary: the id, the file, then the result's pages, words and the start of its text.</summary>
    /// <returns>Such as <c>Inference 1234 of invoice.pdf: 3 pages, 1,100 words: "INVOICE 42 …"</c>.</returns>
    public override string ToString() => $"Inference {Id} of {File.Name}: {Result}";
}
