using System;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Mindee.Ocr.Diagnostics;
using Polly;
using Polly.Retry;

namespace Mindee.Ocr.Http;

/// <summary>Reads a response into a value, or throws the typed exception it stands for.</summary>
internal delegate ValueTask<T> ResponseReader<T>(HttpResponseMessage response, string request, CancellationToken cancellationToken);

/// <summary>An <see cref="HttpContent"/> that can say why it stopped sending (a limit, the caller's stream).</summary>
internal interface IReportsSendFailure
{
    Exception? SendFailure { get; }
}

/// <summary>
/// Sends requests to the configured origin only: the raw API key, the user agent, a timeout
/// enforced through <see cref="TimeProvider"/>, and every failure mapped to a typed exception.
/// <c>GET</c>s are retried here; the enqueue and the polling loop decide their own retries.
/// </summary>
internal sealed class ApiTransport
{
    private static readonly MediaTypeWithQualityHeaderValue JsonMediaType = new("application/json");

    private readonly HttpClient _http;
    private readonly ResiliencePipeline _getRetries;

    public ApiTransport(HttpClient http, ClientSettings settings, TimeProvider time, ILogger logger)
    {
        _http = http;
        Settings = settings;
        Time = time;
        Logger = logger;
        _getRetries = BuildRetries(Transient.IsRetryableGet);
    }

    public ClientSettings Settings { get; }

    public TimeProvider Time { get; }

    public ILogger Logger { get; }

    public Uri Resolve(string relativePath) => new(Settings.BaseAddress, relativePath);

    /// <summary>Builds a retry pipeline on the client's clock: exponential backoff with jitter, <c>Retry-After</c> as the floor.</summary>
    private ResiliencePipeline BuildRetries(Func<Exception?, bool> shouldRetry)
    {
        if (Settings.MaxRetryAttempts == 0)
        {
            return ResiliencePipeline.Empty;
        }

        return new ResiliencePipelineBuilder { TimeProvider = Time }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = Settings.MaxRetryAttempts,
                ShouldHandle = args => new ValueTask<bool>(
                    shouldRetry(args.Outcome.Exception) && !ExceedsRetryCeiling(args.Outcome.Exception)),
                DelayGenerator = args => new ValueTask<TimeSpan?>(
                    RetryDelay(args.AttemptNumber, (args.Outcome.Exception as MindeeOcrApiException)?.RetryAfter)),
                OnRetry = args =>
                {
                    MindeeOcrTelemetry.CountRetry();
                    if (Logger.IsEnabled(LogLevel.Warning))
                    {
                        var request = args.Context.Properties.TryGetValue(RequestKey, out var r) ? r : "request";
                        ClientLog.RetryScheduled(Logger, request, args.RetryDelay.TotalMilliseconds, args.AttemptNumber + 1, args.Outcome.Exception?.Message ?? "unknown failure");
                    }

                    return default;
                },
            })
            .Build();
    }

    /// <summary>Exponential backoff with ±20% jitter, capped, and never shorter than the service's <c>Retry-After</c>.</summary>
    public TimeSpan RetryDelay(int attempt, TimeSpan? retryAfter)
    {
        double baseMs = Settings.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30));
        double jittered = Math.Min(baseMs, Settings.RetryMaxDelay.TotalMilliseconds) * (0.8 + (0.4 * Random.Shared.NextDouble()));
        var delay = TimeSpan.FromMilliseconds(jittered);
        return retryAfter is { } floor && floor > delay ? floor : delay;
    }

    /// <summary>
    /// A <c>Retry-After</c> longer than <see cref="ClientSettings.RetryMaxDelay"/> is not waited
    /// out silently: the exception goes to the caller, who can see <see cref="MindeeOcrApiException.RetryAfter"/>.
    /// </summary>
    private bool ExceedsRetryCeiling(Exception? exception) =>
        exception is MindeeOcrApiException { RetryAfter: { } wait } && wait > Settings.RetryMaxDelay;

    public static readonly ResiliencePropertyKey<string> RequestKey = new("Mindee.Ocr.Request");

    /// <summary>A <c>GET</c> on the configured origin, retried on transient failures.</summary>
    public async Task<T> GetAsync<T>(Uri uri, ResponseReader<T> reader, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(RequestKey, $"GET {uri.AbsolutePath}");
        try
        {
            return await _getRetries.ExecuteAsync(
                static (ctx, state) => state.Self.SendAsync(HttpMethod.Get, state.Uri, null, state.Self.Settings.RequestTimeout, state.Reader, ctx.CancellationToken),
                context,
                (Self: this, Uri: uri, Reader: reader)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>One request, no retry. The key is sent only when <paramref name="uri"/> is on the configured origin.</summary>
    public async ValueTask<T> SendAsync<T>(
        HttpMethod method, Uri uri, Func<HttpContent>? content, TimeSpan timeout, ResponseReader<T> reader, CancellationToken cancellationToken)
    {
        uri = OriginPolicy.RequireSameOrigin(Settings.BaseAddress, uri, "URL");
        var request = $"{method.Method} {uri.AbsolutePath}";
        long started = Time.GetTimestamp();
        using var timeoutSource = CreateTimeoutSource(timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        HttpRequestMessage? message = null;
        try
        {
            message = new HttpRequestMessage(method, uri) { Content = content?.Invoke() };
            message.Headers.TryAddWithoutValidation("Authorization", Settings.ApiKey);
            message.Headers.TryAddWithoutValidation("User-Agent", UserAgent.Value);
            message.Headers.Accept.Add(JsonMediaType);
            using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            MindeeOcrTelemetry.RecordRequest(Operation(uri), method.Method, (int)response.StatusCode, Time.GetElapsedTime(started));
            if (Logger.IsEnabled(LogLevel.Debug))
            {
                ClientLog.RequestCompleted(Logger, method.Method, uri.AbsolutePath, (int)response.StatusCode, Time.GetElapsedTime(started).TotalMilliseconds);
            }

            return await reader(response, request, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is OperationCanceledException or HttpRequestException or IOException)
        {
            if (message?.Content is IReportsSendFailure { SendFailure: { } failure })
            {
                ExceptionDispatchInfo.Capture(failure).Throw();
            }

            MindeeOcrTelemetry.RecordRequest(Operation(uri), method.Method, null, Time.GetElapsedTime(started));
            var wrapped = ex switch
            {
                OperationCanceledException when timeoutSource.IsCancellationRequested => new MindeeOcrException(
                    $"{request} got no complete answer within {timeout.TotalSeconds:0.#} s.",
                    new TimeoutException($"The request timed out after {timeout.TotalSeconds:0.#} s.", ex)),
                OperationCanceledException => new MindeeOcrException(
                    $"{request} was cancelled by the HTTP stack (such as HttpClient.Timeout or a connect timeout): {ex.InnerException?.Message ?? ex.Message}",
                    new TimeoutException(ex.InnerException?.Message ?? ex.Message, ex)),
                _ => new MindeeOcrException($"{request} failed: {ErrorResponses.Redact(ex.Message, Settings.ApiKey)}", ex),
            };
            if (Logger.IsEnabled(LogLevel.Debug))
            {
                ClientLog.RequestFailed(Logger, method.Method, uri.AbsolutePath, Time.GetElapsedTime(started).TotalMilliseconds, wrapped.Message);
            }

            throw wrapped;
        }
        finally
        {
            message?.Dispose();
        }
    }

    /// <summary>Reads a 2xx JSON body straight from the stream into <typeparamref name="T"/>; any other status becomes its typed exception.</summary>
    public async ValueTask<T> ReadJsonAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> type, string request, string what, CancellationToken cancellationToken)
        where T : class
    {
        if (!response.IsSuccessStatusCode)
        {
            throw await ReadErrorAsync(response, request, cancellationToken).ConfigureAwait(false);
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        // Disposing a response stream does no I/O: a plain using serves every target.
        using (stream)
        {
            try
            {
                return await JsonSerializer.DeserializeAsync(stream, type, cancellationToken).ConfigureAwait(false)
                    ?? throw new JsonException("The body is the JSON literal null.");
            }
            catch (Exception ex) when (ErrorResponses.IsReadFailure(ex))
            {
                throw Unreadable(response, request, what, ex);
            }
        }
    }

    public static MindeeOcrException Unreadable(HttpResponseMessage response, string request, string what, Exception ex) =>
        ErrorResponses.Unreadable($"The Mindee OCR API answered {(int)response.StatusCode} to {request}, but its body could not be read as {what}", ex);

    public Task<MindeeOcrApiException> ReadErrorAsync(HttpResponseMessage response, string request, CancellationToken cancellationToken, bool mayHaveBeenEnqueued = false, string? alias = null) =>
        ErrorResponses.ReadAsync(response, request, Settings.ApiKey, Time, mayHaveBeenEnqueued, alias, cancellationToken);

#if NETSTANDARD2_0
    private CancellationTokenSource CreateTimeoutSource(TimeSpan timeout) => Time.CreateCancellationTokenSource(timeout);
#else
    private CancellationTokenSource CreateTimeoutSource(TimeSpan timeout) => new(timeout, Time);
#endif

    /// <summary>A low-cardinality name for a request, for metrics: no ids.</summary>
    private static string Operation(Uri uri)
    {
        var path = uri.AbsolutePath;
        return path.EndsWith("/v2/products/ocr/enqueue", StringComparison.Ordinal) ? "enqueue"
            : path.Contains("/v2/jobs/", StringComparison.Ordinal) ? "job"
            : "result";
    }
}
