namespace Mindee.Ocr.AspNetCore;

/// <summary>Settings of a webhook endpoint mapped with <c>MapMindeeOcrWebhook</c>.</summary>
public sealed class MindeeOcrWebhookOptions
{
    /// <summary>The configuration key read when <see cref="SigningSecret"/> is not set: <c>Mindee:WebhookSigningSecret</c>.</summary>
    public const string SigningSecretConfigurationKey = "Mindee:WebhookSigningSecret";

    /// <summary>The environment variable read last: <c>MINDEE_V2_WEBHOOK_SECRET</c>.</summary>
    public const string SigningSecretEnvironmentVariable = "MINDEE_V2_WEBHOOK_SECRET";

    /// <summary>
    /// The webhook's signing secret, from Mindee's platform. When null, the configuration key
    /// <c>Mindee:WebhookSigningSecret</c>, then the environment variable <c>MINDEE_V2_WEBHOOK_SECRET</c>,
    /// are read. Never logged.
    /// </summary>
    public string? SigningSecret { get; set; }

    /// <summary>The largest body accepted; larger ones get <c>413</c>. Default 32 MiB (a 3-page result is about 620 KB).</summary>
    public long MaxBodyBytes { get; set; } = 32L * 1024 * 1024;
}
