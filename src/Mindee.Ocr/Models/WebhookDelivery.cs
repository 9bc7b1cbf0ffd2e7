using System;

namespace Mindee.Ocr;

/// <summary>What happened when the service called one of the job's webhooks.</summary>
public sealed record WebhookDelivery
{
    /// <summary>The webhook's id.</summary>
    public required string Id { get; init => field = value ?? throw new ArgumentNullException(nameof(Id)); }

    /// <summary>When the webhook was called, in UTC; null when the service did not say.</summary>
    public DateTimeOffset? CreatedAt { get; init => field = value?.ToUniversalTime(); }

    /// <summary>How the delivery went; <see cref="JobStatus.Unknown"/> when the service did not say.</summary>
    public JobStatus Status { get; init; }

    /// <summary>The problem, when the delivery failed.</summary>
    public MindeeProblem? Error { get; init; }

    /// <summary>How many times the service tried to call the webhook.</summary>
    public int AttemptsCount { get; init; }

    /// <summary>The webhook, its status and its attempts.</summary>
    /// <returns>Such as <c>Webhook hook-1: Processed after 1 attempt</c>.</returns>
    public override string ToString() =>
        $"Webhook {Id}: {Status} after {ModelText.Count(AttemptsCount, "attempt")}{(Error is null ? string.Empty : ": " + Error)}";
}
