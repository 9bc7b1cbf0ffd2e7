using System;
using System.Diagnostics.CodeAnalysis;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Mindee.Ocr;
using Mindee.Ocr.AspNetCore;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// Maps an endpoint that receives Mindee OCR webhook deliveries. Each request reads the raw body
/// (<c>413</c> past <see cref="MindeeOcrWebhookOptions.MaxBodyBytes"/>), checks the signature in
/// <c>X-Signature</c> or <c>X-Mindee-Hmac-Signature</c> (<c>401</c> when it is not genuine, and the
/// handler is not called), parses the payload (<c>400</c> when it is no delivery), calls the
/// handler, and answers <c>200</c> once it returns. Deliveries can repeat: de-duplicate on
/// <see cref="OcrWebhookDelivery.InferenceId"/>.
/// </summary>
/// <remarks>
/// The signing secret and the body limit are read at each request, in this order: the
/// <c>configure</c> callback, <see cref="IOptionsMonitor{TOptions}"/> of
/// <see cref="MindeeOcrWebhookOptions"/> (so <c>services.Configure&lt;MindeeOcrWebhookOptions&gt;(section)</c>
/// and its reloads apply), the configuration key <c>Mindee:WebhookSigningSecret</c>, the environment
/// variable <c>MINDEE_V2_WEBHOOK_SECRET</c>. A secret rotated in configuration takes effect at the
/// next request. Mapping fails at startup when no secret is found at all.
/// </remarks>
public static class MindeeOcrWebhookEndpointExtensions
{
    /// <summary>Maps <c>POST <paramref name="pattern"/></c> to receive deliveries with <paramref name="handler"/>.</summary>
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
    /// <param name="configure">Sets the signing secret and the body limit, over the monitored options; optional.</param>
    /// <returns>The endpoint's builder, to add <c>.RequireHost()</c>, <c>.WithName()</c>, <c>.RequireRateLimiting()</c>…</returns>
    /// <exception cref="InvalidOperationException">No signing secret is configured.</exception>
    public static IEndpointConventionBuilder MapMindeeOcrWebhook(
        this IEndpointRouteBuilder endpoints,
        string pattern,
        Func<OcrWebhookDelivery, CancellationToken, Task> handler,
        Action<MindeeOcrWebhookOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return Map(endpoints, pattern, (context, delivery) => handler(delivery, context.RequestAborted), configure);
    }

    /// <summary>
    /// Maps <c>POST <paramref name="pattern"/></c> to receive deliveries with a handler written like a
    /// minimal-API handler: its parameters are any of the <see cref="OcrWebhookDelivery"/>, services
    /// registered in the container (resolved from the request's scope, so scoped services work),
    /// the <see cref="HttpContext"/>, the <see cref="HttpRequest"/> and the request's
    /// <see cref="CancellationToken"/>. It returns <c>void</c>, a <see cref="Task"/>, a
    /// <see cref="ValueTask"/>, or an <see cref="IResult"/> (directly, or as a <c>Task&lt;IResult&gt;</c>) to answer
    /// something other than <c>200</c>. A parameter that is neither of these nor a registered
    /// service fails the request (declare it nullable, or give it a default, to get null instead).
    /// </summary>
    /// <example>
    /// <code>
    /// builder.Services.Configure&lt;MindeeOcrWebhookOptions&gt;(builder.Configuration.GetSection("Mindee:Webhook"));
    /// app.MapMindeeOcrWebhook("/webhooks/mindee", async (OcrWebhookDelivery delivery, AppDbContext db, CancellationToken ct) =>
    /// {
    ///     if (delivery.IsSuccess) db.Results.Add(new StoredResult(delivery.Inference));
    ///     await db.SaveChangesAsync(ct);
    /// })
    /// .RequireHost("hooks.example.com")
    /// .WithName("mindee-webhook");
    /// </code>
    /// </example>
    /// <param name="endpoints">The application's endpoints.</param>
    /// <param name="pattern">The route, such as <c>/webhooks/mindee</c>.</param>
    /// <param name="handler">What to do with a genuine delivery.</param>
    /// <returns>The endpoint's builder, to add <c>.RequireHost()</c>, <c>.WithName()</c>, <c>.RequireRateLimiting()</c>…</returns>
    /// <exception cref="ArgumentException">The handler returns something other than the types above.</exception>
    /// <exception cref="InvalidOperationException">No signing secret is configured.</exception>
    public static IEndpointConventionBuilder MapMindeeOcrWebhook(this IEndpointRouteBuilder endpoints, string pattern, Delegate handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var invoker = new WebhookHandlerInvoker(handler);
        return Map(endpoints, pattern, invoker.InvokeAsync, configure: null);
    }

    /// <summary>
    /// Maps <c>POST <paramref name="pattern"/></c> to receive deliveries with a
    /// <typeparamref name="THandler"/>, taken from each request's scope: the registered one, or
    /// else one built there with its constructor's parameters from the services.
    /// </summary>
    /// <typeparam name="THandler">The handler; register it (scoped, usually) or let the endpoint build it per request.</typeparam>
    /// <param name="endpoints">The application's endpoints.</param>
    /// <param name="pattern">The route, such as <c>/webhooks/mindee</c>.</param>
    /// <returns>The endpoint's builder, to add <c>.RequireHost()</c>, <c>.WithName()</c>, <c>.RequireRateLimiting()</c>…</returns>
    /// <exception cref="InvalidOperationException">No signing secret is configured.</exception>
    public static IEndpointConventionBuilder MapMindeeOcrWebhook<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler>(
        this IEndpointRouteBuilder endpoints, string pattern)
        where THandler : class, IMindeeOcrWebhookHandler
    {
        var factory = ActivatorUtilities.CreateFactory<THandler>(Type.EmptyTypes);
        return Map(
            endpoints,
            pattern,
            (context, delivery) =>
            {
                var services = context.RequestServices;
                var handler = services.GetService<THandler>() ?? factory(services, null);
                return handler.HandleAsync(delivery, context.RequestAborted);
            },
            configure: null);
    }

    private static IEndpointConventionBuilder Map(
        IEndpointRouteBuilder endpoints, string pattern, Func<HttpContext, OcrWebhookDelivery, Task> handler, Action<MindeeOcrWebhookOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrEmpty(pattern);

        var services = endpoints.ServiceProvider;
        var monitor = services.GetService<IOptionsMonitor<MindeeOcrWebhookOptions>>();
        var configuration = services.GetService<IConfiguration>();

        WebhookSettings? Current()
        {
            var options = new MindeeOcrWebhookOptions();
            if (monitor?.CurrentValue is { } monitored)
            {
                options.SigningSecret = monitored.SigningSecret;
                options.MaxBodyBytes = monitored.MaxBodyBytes;
            }

            configure?.Invoke(options);
            if (options.MaxBodyBytes <= 0)
            {
                throw new ArgumentException($"MindeeOcrWebhookOptions.MaxBodyBytes is {options.MaxBodyBytes}; it must be positive.", nameof(configure));
            }

            var secret = NonBlank(options.SigningSecret)
                ?? NonBlank(configuration?[MindeeOcrWebhookOptions.SigningSecretConfigurationKey])
                ?? NonBlank(Environment.GetEnvironmentVariable(MindeeOcrWebhookOptions.SigningSecretEnvironmentVariable));
            return secret is null ? null : new WebhookSettings(secret, options.MaxBodyBytes);
        }

        // Checked now too, so a missing secret or a bad limit fails the startup, not the first delivery.
        if (Current() is null)
        {
            throw new InvalidOperationException(
                $"No webhook signing secret: set MindeeOcrWebhookOptions.SigningSecret, the configuration key {MindeeOcrWebhookOptions.SigningSecretConfigurationKey} " +
                $"or the environment variable {MindeeOcrWebhookOptions.SigningSecretEnvironmentVariable}. Deliveries cannot be verified without it.");
        }

        var logger = services.GetService<ILoggerFactory>()?.CreateLogger("Mindee.Ocr.AspNetCore.Webhook")
            ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        var receiver = new WebhookReceiver(Current, handler, logger);
        return endpoints.MapPost(pattern, receiver.HandleAsync);
    }

    private static string? NonBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
