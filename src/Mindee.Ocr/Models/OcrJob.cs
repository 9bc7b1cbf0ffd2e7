using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace Mindee.Ocr;

/// <summary>
/// A document's processing job, as the service reports it after enqueueing and while
/// polling. Keep its <see cref="Id"/>: it is all that is needed to resume waiting for the result.
/// </summary>
public sealed record OcrJob
{
    /// <summary>Builds a job.</summary>
    /// <param name="id">The job's id (the same value as the inference id of its result).</param>
    /// <param name="modelId">The model the document is processed with.</param>
    /// <param name="fileName">The document's file name as the service knows it.</param>
    /// <param name="alias">The caller's alias, if one was sent.</param>
    /// <param name="createdAt">When the job was created; converted to UTC.</param>
    /// <param name="completedAt">When processing ended; converted to UTC.</param>
    /// <param name="status">Where the job stands.</param>
    /// <param name="pollingUrl">Where the job's status can be read.</param>
    /// <param name="resultUrl">Where the result can be read, once processed.</param>
    /// <param name="webhooks">What happened to each webhook; copied.</param>
    /// <param name="error">Why the job failed, if it did.</param>
    [JsonConstructor]
    public OcrJob(
        string id,
        string modelId,
        string fileName,
        string? alias,
        DateTimeOffset createdAt,
        DateTimeOffset? completedAt,
        JobStatus status,
        Uri pollingUrl,
        Uri? resultUrl = null,
        IReadOnlyList<WebhookDelivery>? webhooks = null,
        MindeeProblem? error = null)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(modelId);
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(pollingUrl);
        Id = id;
        ModelId = modelId;
        FileName = fileName;
        Alias = alias;
        CreatedAt = createdAt.ToUniversalTime();
        CompletedAt = completedAt?.ToUniversalTime();
        Status = status;
        PollingUrl = pollingUrl;
        ResultUrl = resultUrl;
        Webhooks = ReadOnlyItems.Copy(webhooks);
        Error = error;
    }

    /// <summary>The job's id; the inference id of its result is the same value.</summary>
    public string Id { get; }

    /// <summary>The model the document is processed with.</summary>
    public string ModelId { get; }

    /// <summary>The document's file name as the service knows it.</summary>
    [JsonPropertyName("filename")]
    public string FileName { get; }

    /// <summary>The caller's alias, if one was sent.</summary>
    public string? Alias { get; }

    /// <summary>When the job was created, in UTC.</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>When processing ended, in UTC; null while processing.</summary>
    public DateTimeOffset? CompletedAt { get; }

    /// <summary>Where the job stands.</summary>
    public JobStatus Status { get; }

    /// <summary>Where the job's status can be read.</summary>
    public Uri PollingUrl { get; }

    /// <summary>Where the result can be read, once processed; null before that and on failure.</summary>
    public Uri? ResultUrl { get; }

    /// <summary>What happened to each webhook; empty until processing ends.</summary>
    public IReadOnlyList<WebhookDelivery> Webhooks { get; }

    /// <summary>Why the job failed, when <see cref="Status"/> is <see cref="JobStatus.Failed"/>.</summary>
    public MindeeProblem? Error { get; }
}
