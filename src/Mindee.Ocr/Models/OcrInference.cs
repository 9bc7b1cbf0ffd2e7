using System;
using System.Text.Json.Serialization;

namespace Mindee.Ocr;

/// <summary>The OCR of one document: every page's text and every word with its polygon.</summary>
public sealed record OcrInference
{
    /// <summary>Builds an inference.</summary>
    /// <param name="id">The inference's id (the same value as its job's id).</param>
    /// <param name="job">The job it belongs to.</param>
    /// <param name="model">The model it was made with.</param>
    /// <param name="file">The document it was made on.</param>
    /// <param name="result">What was found.</param>
    [JsonConstructor]
    public OcrInference(string id, JobReference job, ModelReference model, InferenceFile file, OcrResult result)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(result);
        Id = id;
        Job = job;
        Model = model;
        File = file;
        Result = result;
    }

    /// <summary>The inference's id (the same value as its job's id).</summary>
    public string Id { get; }

    /// <summary>The job it belongs to.</summary>
    public JobReference Job { get; }

    /// <summary>The model it was made with.</summary>
    public ModelReference Model { get; }

    /// <summary>The document it was made on.</summary>
    public InferenceFile File { get; }

    /// <summary>What was found.</summary>
    public OcrResult Result { get; }
}
