using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Mindee.Ocr;
using Mindee.Ocr.AspNetCore;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps an endpoint that receives Mindee OCR webhook deliveries.</summary>
public static class MindeeOcrWebhookEndpointExtensions
{
    /// <summary>
    /// Maps <c>POST <paramref name="pattern"/></c> to receive deliveries: it reads the raw body
    /// (<c>413</c> past <see cref="MindeeOcrWebhookOptions.MaxBodyBytes"/>), checks the signature in
    /// <c>X-Signature</c> or <c>X-Mindee-Hmac-Signature</c> (<c>401</c> when it is not genuine, and the
    /// handler is not called), parses the payload (<c>400</c> when it is no delivery), calls
    /// <paramref name="handler"/>, and answers <c>200</c> once it returns. Deliveries can repeat:
    /// de-duplicate on <see cref="OcrWebhookDelivery.InferenceId"/>.
    /// </summary>
    /// <example>
    /// <code>
    /// app.MapMindeeOcrWebhook("/webhooks/mindee", async (OcrWebhookDelivery delivery, CancellationToken ct) =>
    /// {
    ///     if (delivery.IsSuccess) await store.SaveAsync(delivery.Inference, ct);
    /// });
    /// </code>
    /// </example>
    /// <param name="endpoints">The application's endpoints.</param>
    /// <param name="pattern">The route, such as <c>/webhooks/mindee</c>.</param>
    /// <param name="handler">What to do with a genuine delivery.</param>
    /// <param name="configure">Sets the signing secret and the body limit; optional.</param>
    /// <returns>The endpoint's builder, to add authorization policies, rate limits…</returns>
    public static IEndpointConventionBuilder MapMindeeOcrWebhook(
        this IEndpointRouteBuilder endpoints,
        string pattern,
        Func<OcrWebhookDelivery, CancellationToken, Task> handler,
        Action<MindeeOcrWebhookOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrEmpty(pattern);
        ArgumentNullException.ThrowIfNull(handler);

        var options = new MindeeOcrWebhookOptions();
        configure?.Invoke(options);
        if (options.MaxBodyBytes <= 0)
        {
            throw new ArgumentException($"MindeeOcrWebhookOptions.MaxBodyBytes is {options.MaxBodyBytes}; it must be positive.", nameof(configure));
        }

        var services = endpoints.ServiceProvider;
        var secret = options.SigningSecret
            ?? services.GetService<IConfiguration>()?[MindeeOcrWebhookOptions.SigningSecretConfigurationKey]
            ?? Environment.GetEnvironmentVariable(MindeeOcrWebhookOptions.SigningSecretEnvironmentVariable);
        if (string.IsNullOrWhiteSpace(secret))
        {
            throw new InvalidOperationException(
                $"No webhook signing secret: set MindeeOcrWebhookOptions.SigningSecret, the configuration key {MindeeOcrWebhookOptions.SigningSecretConfigurationKey} " +
                $"or the environment variable {MindeeOcrWebhookOptions.SigningSecretEnvironmentVariable}. Deliveries cannot be verified without it.");
        }

        var logger = services.GetService<ILoggerFactory>()?.CreateLogger("Mindee.Ocr.AspNetCore.Webhook")
            ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        var receiver = new WebhookReceiver(secret, options.MaxBodyBytes, handler, logger);
        return endpoints.MapPost(pattern, receiver.HandleAsync);
    }
}
