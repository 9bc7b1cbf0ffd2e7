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
    /// <summary>The job's id; the inference id of its result is the same value.</summary>
    public required string Id { get; init => field = value ?? throw new ArgumentNullException(nameof(Id)); }

    /// <summary>The model the document is processed with.</summary>
    public required string ModelId { get; init => field = value ?? throw new ArgumentNullException(nameof(ModelId)); }

    /// <summary>The document's file name as the service knows it.</summary>
    [JsonPropertyName("filename")]
    public required string FileName { get; init => field = value ?? throw new ArgumentNullException(nameof(FileName)); }

    /// <summary>The caller's alias, if one was sent.</summary>
    public string? Alias { get; init; }

    /// <summary>When the job was created, in UTC.</summary>
    public required DateTimeOffset CreatedAt { get; init => field = value.ToUniversalTime(); }

    /// <summary>When processing ended, in UTC; null while processing.</summary>
    public DateTimeOffset? CompletedAt { get; init => field = value?.ToUniversalTime(); }

    /// <summary>Where the job stands.</summary>
    public required JobStatus Status { get; init; }

    /// <summary>Where the job's status can be read.</summary>
    public required Uri PollingUrl { get; init => field = value ?? throw new ArgumentNullException(nameof(PollingUrl)); }

    /// <summary>Where the result can be read, once processed; null before that and on failure.</summary>
    public Uri? ResultUrl { get; init; }

    /// <summary>What happened to each webhook; empty until processing ends (null sets none). Read-only.</summary>
    public IReadOnlyList<WebhookDelivery> Webhooks { get; init => field = value is null ? ItemList<WebhookDelivery>.Empty : ItemList<WebhookDelivery>.Copy(value, nameof(Webhooks)); } = ItemList<WebhookDelivery>.Empty;

    /// <summary>Why the job failed, when <see cref="Status"/> is <see cref="JobStatus.Failed"/>.</summary>
    public MindeeProblem? Error { get; init; }

    /// <summary>The id, status and file.</summary>
    /// <returns>Such as <c>Job 1234: Processing (invoice.pdf)</c> or <c>Job 1234: Failed (scan.pdf): 422 (422-102): Unreadable document</c>.</returns>
    public override string ToString() =>
        $"Job {Id}: {Status}{(FileName.Length == 0 ? string.Empty : $" ({FileName})")}{(Error is null ? string.Empty : ": " + Error)}";
}
