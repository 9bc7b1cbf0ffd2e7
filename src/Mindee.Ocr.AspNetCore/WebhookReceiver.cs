using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace Mindee.Ocr.AspNetCore;

/// <summary>
/// The webhook endpoint's request handling: limit, signature, payload, handler. The settings (the
/// signing secret, the body limit) are read at each request, so a configuration reload takes effect.
/// </summary>
internal sealed partial class WebhookReceiver(Func<WebhookSettings?> settings, Func<HttpContext, OcrWebhookDelivery, Task> handler, ILogger logger)
{
    public async Task HandleAsync(HttpContext context)
    {
        if (settings() is not { } current)
        {
            LogNoSecret(logger);
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        var (secret, maxBodyBytes) = current;
        var request = context.Request;
        var cancellationToken = context.RequestAborted;
        if (request.ContentLength > maxBodyBytes)
        {
            LogRejected(logger, StatusCodes.Status413PayloadTooLarge, "body larger than the limit");
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        var sizeFeature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
        {
            sizeFeature.MaxRequestBodySize = maxBodyBytes;
        }

        byte[]? body;
        try
        {
            body = await ReadBodyAsync(request, maxBodyBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex)
        {
            // The server gave up on the body (it came too slowly: 408; or it broke off): an ordinary
            // event on the open internet, answered with the server's status, not an unhandled error.
            LogBodyNotRead(logger, ex.StatusCode, ex.Message);
            if (!context.Response.HasStarted)
            {
                context.Response.StatusCode = ex.StatusCode;
            }

            return;
        }

        if (body is null)
        {
            LogRejected(logger, StatusCodes.Status413PayloadTooLarge, "body larger than the limit");
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        string? signature = request.Headers[OcrWebhookSignature.HeaderName];
        if (string.IsNullOrEmpty(signature))
        {
            signature = request.Headers[OcrWebhookSignature.AlternateHeaderName];
        }

        if (!OcrWebhookSignature.IsValid(body, signature, secret))
        {
            LogRejected(logger, StatusCodes.Status401Unauthorized, "signature missing or not genuine");
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        OcrWebhookDelivery delivery;
        try
        {
            delivery = OcrWebhookDelivery.Parse(body);
        }
        catch (MindeeOcrException ex)
        {
            LogRejected(logger, StatusCodes.Status400BadRequest, Redact(ex.Message, secret));
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        LogReceived(logger, Redact(delivery.InferenceId, secret), delivery.IsSuccess ? "result" : "failure");
        context.Response.StatusCode = StatusCodes.Status200OK;
        await handler(context, delivery).ConfigureAwait(false);
    }

    /// <summary>What a delivery says, fit for a log line: the signing secret never goes there, even when a payload quotes it.</summary>
    private static string Redact(string text, string secret) => text.Replace(secret, "[redacted]", StringComparison.Ordinal);

    /// <summary>The whole body, or null past the limit (counted as it is read, whatever Content-Length said).</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, long maxBodyBytes, CancellationToken cancellationToken)
    {
        var writer = new ArrayBufferWriter<byte>(request.ContentLength is { } length and > 0 ? (int)Math.Min(length, maxBodyBytes) : 16 * 1024);
        try
        {
            while (true)
            {
                var memory = writer.GetMemory(16 * 1024);
                int read = await request.Body.ReadAsync(memory, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return writer.WrittenSpan.ToArray();
                }

                writer.Advance(read);
                if (writer.WrittenCount > maxBodyBytes)
                {
                    return null;
                }
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Mindee webhook delivery for inference {InferenceId} received ({Kind})")]
    private static partial void LogReceived(ILogger logger, string inferenceId, string kind);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Mindee webhook delivery rejected with {Status}: {Reason}")]
    private static partial void LogRejected(ILogger logger, int status, string reason);

    [LoggerMessage(EventId = 103, Level = LogLevel.Error, Message = "Mindee webhook delivery not checked: no signing secret is configured any more; answered 503")]
    private static partial void LogNoSecret(ILogger logger);

    [LoggerMessage(EventId = 102, Level = LogLevel.Debug, Message = "Mindee webhook delivery not read; answered {Status}: {Reason}")]
    private static partial void LogBodyNotRead(ILogger logger, int status, string reason);
}

/// <summary>The settings one request is checked with.</summary>
internal readonly record struct WebhookSettings(string Secret, long MaxBodyBytes);
