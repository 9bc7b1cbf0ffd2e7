using System;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Runtime.ExceptionServices;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Mindee.Ocr.Configuration;
using Mindee.Ocr.Diagnostics;
using Mindee.Ocr.Input;
using Mindee.Ocr.Serialization;
using Polly;

namespace Mindee.Ocr.Http;

/// <summary>Reads a response into a value, or throws the typed exception it stands for.</summary>
internal delegate ValueTask<T> ResponseReader<T>(HttpResponseMessage response, ApiRequest request, CancellationToken cancellationToken);

/// <summary>
/// Sends requests to the configured origin only, with the raw API key, the user agent and a
/// timeout on the client's <see cref="TimeProvider"/>, and classifies every failure where it
/// happens (<see cref="FailureClassifier"/>): the rest of the client reads the kind. Answers are
/// read whole but never past <see cref="ClientSettings.MaxResponseBytes"/>.
/// </summary>
internal sealed class ApiTransport
{
    private static readonly MediaTypeWithQualityHeaderValue JsonMediaType = new("application/json");

    private readonly HttpClient _http;
    private readonly RetryPipelines _retries;

    public ApiTransport(HttpClient http, ClientSettings settings, TimeProvider time, ILogger logger)
    {
        _http = http;
        Settings = settings;
        Time = time;
        Logger = logger;
        Redactor = new Redactor(settings.ApiKey);
        _retries = new RetryPipelines(settings, time, logger, Redactor);
    }

    public ClientSettings Settings { get; }

    public TimeProvider Time { get; }

    private ILogger Logger { get; }

    public Redactor Redactor { get; }

    public Uri Resolve(string relativePath) => new(Settings.BaseAddress, relativePath);

    /// <summary>A <c>GET</c>, retried on transient failures.</summary>
    public Task<T> GetAsync<T>(ApiRequest request, ResponseReader<T> reader, CancellationToken cancellationToken) =>
        RetryAsync(_retries.Get, request, null, reader, cancellationToken);

    /// <summary>
    /// An upload, sent again only where the service surely did not take it, and only while its
    /// document can be sent again; when it cannot, the error says so.
    /// </summary>
    public async Task<T> UploadAsync<T>(ApiRequest request, PreparedUpload upload, ResponseReader<T> reader, CancellationToken cancellationToken)
    {
        try
        {
            return await RetryAsync(_retries.Upload, request, upload, reader, cancellationToken).ConfigureAwait(false);
        }
        catch (MindeeOcrException ex) when (!upload.CanSendAgain && _retries.WouldRetryUpload(ex))
        {
            throw Failures.NotResendable(ex);
        }
    }

    /// <summary>One request, no retry. The key is sent only when the request's URL is on the configured origin.</summary>
    public async ValueTask<T> SendAsync<T>(ApiRequest request, ResponseReader<T> reader, CancellationToken cancellationToken)
    {
        var uri = OriginPolicy.RequireSameOrigin(Settings.BaseAddress, request.Uri, "URL", Redactor);
        if (request.Gate is { } gate)
        {
            await gate.EnterAsync(cancellationToken).ConfigureAwait(false);
        }

        long started = Time.GetTimestamp();
        using var timeout = CreateTimeoutSource(request.Timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var message = new HttpRequestMessage(request.Method, uri) { Content = request.Content?.Invoke() };
        message.Headers.TryAddWithoutValidation("Authorization", Settings.ApiKey);
        message.Headers.TryAddWithoutValidation("User-Agent", UserAgent.Value);
        message.Headers.Accept.Add(JsonMediaType);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && FailureClassifier.IsNetworkFailure(ex))
        {
            MindeeOcrTelemetry.RecordRequest(request.Operation, request.Method.Method, null, Time.GetElapsedTime(started));
            throw Failed(request, message.Content as StreamingContent, ex, timeout.IsCancellationRequested, started);
        }

        using (response)
        {
            MindeeOcrTelemetry.RecordRequest(request.Operation, request.Method.Method, (int)response.StatusCode, Time.GetElapsedTime(started));
            if (Logger.IsEnabled(LogLevel.Debug))
            {
                ClientLog.RequestCompleted(Logger, request.Method.Method, uri.AbsolutePath, (int)response.StatusCode, Time.GetElapsedTime(started).TotalMilliseconds);
            }

            try
            {
                return await reader(response, request, linked.Token).ConfigureAwait(false);
            }
            catch (MindeeOcrApiException ex) when (ex.Status == 429 && request.Gate is not null)
            {
                // Rate limited: the whole batch holds, not just this call.
                request.Gate.Hold(ex.RetryAfter);
                throw;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && FailureClassifier.IsNetworkFailure(ex))
            {
                // The answer broke off (or stalled) while its body was read: the request was sent.
                throw Failed(request, message.Content as StreamingContent, ex, timeout.IsCancellationRequested, started);
            }
            catch (InvalidDataException ex)
            {
                // A compressed answer that does not decompress is as unreadable as malformed JSON.
                throw Failures.Undecodable(request, response, ex);
            }
        }
    }

    /// <summary>Reads a 2xx JSON body into <typeparamref name="T"/>; any other status becomes its typed exception.</summary>
    public async ValueTask<T> ReadJsonAsync<T>(HttpResponseMessage response, ApiRequest request, JsonTypeInfo<T> type, string what, CancellationToken cancellationToken)
        where T : class
    {
        if (!response.IsSuccessStatusCode)
        {
            throw await ReadErrorAsync(response, request, cancellationToken).ConfigureAwait(false);
        }

        using var body = await ReadBodyAsync(response, request, cancellationToken).ConfigureAwait(false);
        return JsonReading.TryRead(body.Span, type, out var value, out var error)
            ? value
            : throw Failures.Unreadable(request, response, what, error, Redactor);
    }

    /// <summary>The whole body, never past <see cref="ClientSettings.MaxResponseBytes"/> (after decompression).</summary>
    /// <exception cref="MindeeOcrException">The body is larger than that, or starts with nothing but white space.</exception>
    public async Task<Utf8Body> ReadBodyAsync(HttpResponseMessage response, ApiRequest request, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        // Disposing a response stream does no I/O: a plain using serves every target.
        using (stream)
        {
            var body = await Utf8Body.ReadAsync(stream, Settings.MaxResponseBytes, response.Content.Headers.ContentLength, cancellationToken).ConfigureAwait(false);
            if (body.Stopped == Utf8Body.StopReason.None)
            {
                return body;
            }

            body.Dispose();
            throw Failures.Unread(request, response, body);
        }
    }

    public Task<MindeeOcrApiException> ReadErrorAsync(HttpResponseMessage response, ApiRequest request, CancellationToken cancellationToken) =>
        ErrorResponses.ReadAsync(response, request, Redactor, Time, cancellationToken);

    private async Task<T> RetryAsync<T>(ResiliencePipeline pipeline, ApiRequest request, PreparedUpload? upload, ResponseReader<T> reader, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(RetryPipelines.RequestKey, request);
        if (upload is not null)
        {
            context.Properties.Set(RetryPipelines.UploadKey, upload);
        }

        try
        {
            return await pipeline.ExecuteAsync(
                static (ctx, state) => state.Self.SendAsync(state.Request, state.Reader, ctx.CancellationToken),
                context,
                (Self: this, Request: request, Reader: reader)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private MindeeOcrException Failed(ApiRequest request, StreamingContent? content, Exception exception, bool ownTimeout, long started)
    {
        if (content?.SendFailure is { } sourceFailure)
        {
            // The document's side stopped the upload (the caller's stream failed, or broke a limit):
            // that is the error to report, as it was.
            ExceptionDispatchInfo.Capture(sourceFailure).Throw();
        }

        var kind = FailureClassifier.Classify(exception, content is not null, content?.Started == true, ownTimeout);
        var failure = Failures.Network(request, kind, exception, ownTimeout, Redactor);
        if (Logger.IsEnabled(LogLevel.Debug))
        {
            ClientLog.RequestFailed(Logger, request.Method.Method, request.Uri.AbsolutePath, Time.GetElapsedTime(started).TotalMilliseconds, failure.Message);
        }

        return failure;
    }

#if NETSTANDARD2_0
    private CancellationTokenSource CreateTimeoutSource(TimeSpan timeout) => Time.CreateCancellationTokenSource(timeout);
#else
    private CancellationTokenSource CreateTimeoutSource(TimeSpan timeout) => new(timeout, Time);
#endif
}
