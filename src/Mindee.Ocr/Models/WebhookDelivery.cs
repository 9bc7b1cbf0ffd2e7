using System;
using System.Text.Json.Serialization;

namespace Mindee.Ocr;

/// <summary>What happened when the service called one of the job's webhooks.</summary>
public sealed record WebhookDelivery
{
    /// <summary>Builds a webhook delivery record.</summary>
    /// <param name="id">The webhook's id.</param>
    /// <param name="createdAt">When the webhook was called (UTC), if known.</param>
    /// <param name="status">How the delivery went.</param>
    /// <param name="error">The problem, when the delivery failed.</param>
    /// <param name="attemptsCount">How many times the service tried to call it.</param>
    [JsonConstructor]
    public WebhookDelivery(string id, DateTimeOffset? createdAt = null, JobStatus status = JobStatus.Processing, MindeeProblem? error = null, int attemptsCount = 0)
    {
        ArgumentNullException.ThrowIfNull(id);
        Id = id;
        CreatedAt = createdAt?.ToUniversalTime();
        Status = status;
        Error = error;
        AttemptsCount = attemptsCount;
    }

    /// <summary>The webhook's id.</summary>
    public string Id { get; }

    /// <summary>When the webhook was called, in UTC; null when the service did not say.</summary>
    public DateTimeOffset? CreatedAt { get; }

    /// <summary>How the delivery went.</summary>
    public JobStatus Status { get; }

    /// <summary>The problem, when the delivery failed.</summary>
    public MindeeProblem? Error { get; }

    /// <summary>How many times the service tried to call the webhook.</summary>
    public int AttemptsCount { get; }
}
