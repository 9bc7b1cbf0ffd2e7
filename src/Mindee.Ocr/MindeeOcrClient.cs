using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Mindee.Ocr.Diagnostics;
using Mindee.Ocr.Http;
using Mindee.Ocr.Input;
using Polly;
using Polly.Retry;

namespace Mindee.Ocr;

/// <summary>
/// The Mindee OCR API v2 client. Thread-safe: build one and share it (or register it with
/// <c>services.AddMindeeOcr()</c>).
/// </summary>
/// <example>
/// <code>
/// var client = new MindeeOcrClient(new MindeeOcrOptions { ApiKey = "…", ModelId = "…" });
/// OcrInference result = await client.EnqueueAndWaitAsync(new FileInfo("invoice.pdf"));
/// foreach (var page in result.Result.Pages) Console.WriteLine(page.Content);
/// </code>
/// </example>
public sealed class MindeeOcrClient : IMindeeOcrClient
{
    private readonly ApiTransport _transport;

    /// <summary>
    /// A standalone client, for use without dependency injection. Clients built this way share one
    /// pooled handler per distinct (proxy, connect timeout) setting, so building many never
    /// exhausts sockets, and nothing needs disposing.
    /// </summary>
    /// <param name="options">The settings; copied.</param>
    /// <exception cref="ArgumentException">A setting is missing or invalid; the message names it and its environment variable.</exception>
    public MindeeOcrClient(MindeeOcrOptions options)
        : this(SharedHandlers.CreateClient(options ?? throw new ArgumentNullException(nameof(options))), options)
    {
    }

    /// <summary>
    /// A client over your own <see cref="HttpClient"/> (dependency injection uses this). The
    /// client sends absolute URLs and its own headers, so the <see cref="HttpClient"/> needs no
    /// base address; it should not follow redirects automatically (the client handles them itself).
    /// </summary>
    /// <param name="httpClient">The HTTP client to send with.</param>
    /// <param name="options">The settings; copied.</param>
    /// <param name="timeProvider">The clock for every wait and timeout; the system clock when null.</param>
    /// <param name="loggerFactory">Where logs go; nowhere when null.</param>
    /// <exception cref="ArgumentException">A setting is missing or invalid; the message names it and its environment variable.</exception>
    public MindeeOcrClient(HttpClient httpClient, MindeeOcrOptions options, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        var settings = ClientSettings.Resolve(options);
        var logger = (ILogger?)loggerFactory?.CreateLogger<MindeeOcrClient>() ?? NullLogger.Instance;
        _transport = new ApiTransport(httpClient, settings, timeProvider ?? TimeProvider.System, logger);
    }

    /// <summary>The source of the polling schedule's jitter; replaced by a seeded one in the polling simulation.</summary>
    internal Random Jitter { get; init; } = Random.Shared;

    /// <inheritdoc />
    public async Task<OcrJob> EnqueueAsync(OcrInput input, EnqueueOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var activity = MindeeOcrTelemetry.Start("Enqueue");
        try
        {
            var job = await EnqueueCoreAsync(input, options, cancellationToken).ConfigureAwait(false);
            activity?.SetTag(MindeeOcrTelemetry.JobIdTag, job.Id).SetTag(MindeeOcrTelemetry.JobStatusTag, job.Status.ToString());
            return job;
        }
        catch (Exception ex)
        {
            MindeeOcrTelemetry.Fail(activity, ex);
            throw;
        }
    }

    private async Task<OcrJob> EnqueueCoreAsync(OcrInput input, EnqueueOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        options ??= new EnqueueOptions();
        var modelId = Nonblank(options.ModelId) ?? _transport.Settings.DefaultModelId ?? throw new ArgumentException(
            $"No model id: set EnqueueOptions.ModelId, MindeeOcrOptions.ModelId or the environment variable {MindeeOcrOptions.ModelIdEnvironmentVariable}. Nothing was sent.",
            nameof(options));
        var webhookIds = options.WebhookIds?.ToArray() ?? [];
        if (webhookIds.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("EnqueueOptions.WebhookIds holds an empty id. Nothing was sent.", nameof(options));
        }

        var fileNameOverride = options.FileName is null ? null : FileNames.Check(options.FileName, nameof(options));
        var upload = await input.PrepareAsync(fileNameOverride, _transport.Settings.CheckFileType, cancellationToken).ConfigureAwait(false);
        await using (upload.ConfigureAwait(false))
        {
            var fields = new EnqueueFields(modelId, options.Alias, webhookIds, upload.FileName);
            var job = await SendEnqueueAsync(upload, fields, cancellationToken).ConfigureAwait(false);
            ClientLog.JobEnqueued(_transport.Logger, job.Id, upload.FileName ?? input.Kind.ToString());
            return job;
        }
    }

    /// <inheritdoc />
    public async Task<OcrJob> GetJobAsync(string jobId, CancellationToken cancellationToken = default)
    {
        var uri = JobUri(CheckId(jobId, nameof(jobId)));
        using var activity = MindeeOcrTelemetry.Start("GetJob");
        activity?.SetTag(MindeeOcrTelemetry.JobIdTag, jobId);
        try
        {
            var job = await _transport.GetAsync(uri, ReadJobAsync, cancellationToken).ConfigureAwait(false);
            activity?.SetTag(MindeeOcrTelemetry.JobStatusTag, job.Status.ToString());
            return job;
        }
        catch (Exception ex)
        {
            MindeeOcrTelemetry.Fail(activity, ex);
            throw;
        }
    }

    /// <inheritdoc />
    public async Task<OcrInference> GetResultAsync(string inferenceId, CancellationToken cancellationToken = default)
    {
        var uri = _transport.Resolve("v2/products/ocr/results/" + Uri.EscapeDataString(CheckId(inferenceId, nameof(inferenceId))));
        using var activity = MindeeOcrTelemetry.Start("GetResult");
        activity?.SetTag(MindeeOcrTelemetry.JobIdTag, inferenceId);
        try
        {
            return await _transport.GetAsync(uri, ReadInferenceAsync, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            MindeeOcrTelemetry.Fail(activity, ex);
            throw;
        }
    }

    /// <inheritdoc />
    public async Task<OcrInference> WaitForResultAsync(string jobId, CancellationToken cancellationToken = default)
    {
        CheckId(jobId, nameof(jobId));
        using var activity = MindeeOcrTelemetry.Start("WaitForResult");
        return await WaitTracedAsync(activity, jobId, justEnqueued: false, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<OcrInference> EnqueueAndWaitAsync(OcrInput input, EnqueueOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var activity = MindeeOcrTelemetry.Start("EnqueueAndWait");
        OcrJob job;
        try
        {
            job = await EnqueueAsync(input, options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            MindeeOcrTelemetry.Fail(activity, ex);
            throw;
        }

        return await WaitTracedAsync(activity, job.Id, justEnqueued: true, cancellationToken).ConfigureAwait(false);
    }

    private async Task<OcrInference> WaitTracedAsync(System.Diagnostics.Activity? activity, string jobId, bool justEnqueued, CancellationToken cancellationToken)
    {
        activity?.SetTag(MindeeOcrTelemetry.JobIdTag, jobId);
        long started = _transport.Time.GetTimestamp();
        string outcome = "processed";
        try
        {
            var result = await WaitAsync(jobId, justEnqueued, activity, cancellationToken).ConfigureAwait(false);
            activity?.SetTag(MindeeOcrTelemetry.JobStatusTag, nameof(JobStatus.Processed));
            return result;
        }
        catch (Exception ex)
        {
            outcome = ex switch
            {
                MindeeOcrJobFailedException => "failed",
                MindeeOcrTimeoutException => "timeout",
                OperationCanceledException => "canceled",
                _ => "error",
            };
            MindeeOcrTelemetry.Fail(activity, ex);
            throw;
        }
        finally
        {
            MindeeOcrTelemetry.JobDuration.Record(
                _transport.Time.GetElapsedTime(started).TotalSeconds,
                new KeyValuePair<string, object?>(MindeeOcrTelemetry.OutcomeTag, outcome));
        }
    }

    private async Task<OcrJob> SendEnqueueAsync(PreparedUpload upload, EnqueueFields fields, CancellationToken cancellationToken)
    {
        var uri = _transport.Resolve("v2/products/ocr/enqueue");
        var settings = _transport.Settings;
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                return await _transport.SendAsync(
                    HttpMethod.Post,
                    uri,
                    () => upload.CreateContent(fields),
                    settings.UploadTimeout,
                    (response, request, ct) => ReadEnqueueAsync(response, request, fields.Alias, ct),
                    cancellationToken).ConfigureAwait(false);
            }
            catch (MindeeOcrException ex) when (IsEnqueueRetryable(ex) && attempt < settings.MaxRetryAttempts)
            {
                if (!upload.CanSendAgain)
                {
                    throw new MindeeOcrException(
                        $"{ex.Message} The document came from a forward-only stream that was already read, so it cannot be sent again; " +
                        "pass a seekable stream (or a file) to let the client retry.",
                        ex);
                }

                var delay = _transport.RetryDelay(attempt, (ex as MindeeOcrApiException)?.RetryAfter);
                MindeeOcrTelemetry.CountRetry();
                if (_transport.Logger.IsEnabled(LogLevel.Warning))
                {
                    ClientLog.RetryScheduled(_transport.Logger, "POST " + uri.AbsolutePath, delay.TotalMilliseconds, attempt + 1, ex.Message);
                }

                await Task.Delay(delay, _transport.Time, cancellationToken).ConfigureAwait(false);
            }
            catch (MindeeOcrException ex) when (ex is not MindeeOcrApiException && !ex.DocumentMayHaveBeenEnqueued && !Transient.IsConnectFailure(ex))
            {
                // Sent (or partly sent), then no answer: the service may have taken it.
                throw new MindeeOcrException(
                    ex.Message + (fields.Alias is null
                        ? " The document may have been enqueued all the same; send an alias to be able to find it."
                        : $" The document may have been enqueued all the same (alias \"{fields.Alias}\"); look for it before sending it again."),
                    ex.InnerException,
                    documentMayHaveBeenEnqueued: true,
                    fields.Alias);
            }
        }

        bool IsEnqueueRetryable(MindeeOcrException ex) =>
            (ex is MindeeOcrApiException { Status: 429 } api && !(api.RetryAfter > settings.RetryMaxDelay))
            || Transient.IsConnectFailure(ex);
    }

    private async ValueTask<OcrJob> ReadEnqueueAsync(HttpResponseMessage response, string request, string? alias, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            int status = (int)response.StatusCode;
            throw await _transport.ReadErrorAsync(response, request, cancellationToken, mayHaveBeenEnqueued: status >= 500 || status == 408, alias).ConfigureAwait(false);
        }

        try
        {
            var envelope = await _transport.ReadJsonAsync(response, MindeeJsonContext.Default.JobEnvelope, request, "a job", cancellationToken).ConfigureAwait(false);
            return envelope.Job;
        }
        catch (MindeeOcrException ex) when (Transient.IsUnreadableBody(ex))
        {
            throw new MindeeOcrException(
                ex.Message + (alias is null
                    ? " The document was probably enqueued; send an alias to be able to find it."
                    : $" The document was probably enqueued (alias \"{alias}\")."),
                ex.InnerException,
                documentMayHaveBeenEnqueued: true,
                alias);
        }
    }

    private async ValueTask<OcrJob> ReadJobAsync(HttpResponseMessage response, string request, CancellationToken cancellationToken)
    {
        if ((int)response.StatusCode is 302 or 303)
        {
            return await ReadJobRedirectAsync(response, request, cancellationToken).ConfigureAwait(false);
        }

        var envelope = await _transport.ReadJsonAsync(response, MindeeJsonContext.Default.JobEnvelope, request, "a job", cancellationToken).ConfigureAwait(false);
        return envelope.Job;
    }

    /// <summary>
    /// The job endpoint answers 302 once the job is processed (even when asked not to, by some
    /// proxies). The body, when there is one, is the job; without one, <c>Location</c> names the result.
    /// </summary>
    private async ValueTask<OcrJob> ReadJobRedirectAsync(HttpResponseMessage response, string request, CancellationToken cancellationToken)
    {
        var body = await ErrorResponses.ReadPrefixAsync(response.Content, 1024 * 1024, cancellationToken).ConfigureAwait(false);
        var location = response.Headers.Location;
        if (HasContent(body))
        {
            JobEnvelope? envelope;
            try
            {
                envelope = JsonSerializer.Deserialize(body.AsSpan(), MindeeJsonContext.Default.JobEnvelope);
            }
            catch (Exception ex) when (ErrorResponses.IsReadFailure(ex))
            {
                throw ApiTransport.Unreadable(response, request, "a job", ex);
            }

            var job = envelope?.Job ?? throw ApiTransport.Unreadable(response, request, "a job", new JsonException("The body is the JSON literal null."));
            return job.ResultUrl is null && location is not null && job.Status == JobStatus.Processed
                ? new OcrJob(job.Id, job.ModelId, job.FileName, job.Alias, job.CreatedAt, job.CompletedAt, job.Status, job.PollingUrl, location, job.Webhooks, job.Error)
                : job;
        }

        if (location is null)
        {
            throw new MindeeOcrApiException((int)response.StatusCode, null, null, null, request + " (a redirect with neither a body nor a Location)");
        }

        // Only what the redirect tells is known: the job is processed and its result is there.
        var jobId = request[(request.LastIndexOf('/') + 1)..];
        return new OcrJob(Uri.UnescapeDataString(jobId), string.Empty, string.Empty, null, default, null, JobStatus.Processed, response.RequestMessage?.RequestUri ?? JobUri(jobId), location);
    }

    private async ValueTask<OcrInference> ReadInferenceAsync(HttpResponseMessage response, string request, CancellationToken cancellationToken)
    {
        var envelope = await _transport.ReadJsonAsync(response, StreamedJson.Inference, request, "an OCR result", cancellationToken).ConfigureAwait(false);
        return envelope.Inference;
    }

    private async Task<OcrInference> WaitAsync(string jobId, bool justEnqueued, System.Diagnostics.Activity? activity, CancellationToken cancellationToken)
    {
        var time = _transport.Time;
        var logger = _transport.Logger;
        var schedule = _transport.Settings.Polling;
        long started = time.GetTimestamp();
        int polls = 0;
        bool warnedUnknown = false;
        TimeSpan? lastRetryAfter = null;
        var pollUri = JobUri(jobId);

        var pipeline = new ResiliencePipelineBuilder<OcrJob> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<OcrJob>
            {
                MaxRetryAttempts = int.MaxValue,
                ShouldHandle = args =>
                {
                    if (time.GetElapsedTime(started) >= schedule.Timeout)
                    {
                        return new ValueTask<bool>(false);
                    }

                    return new ValueTask<bool>(args.Outcome.Exception is { } error
                        ? Transient.IsRetryableGet(error) || Transient.IsUnreadableBody(error)
                        : args.Outcome.Result?.Status is JobStatus.Processing or JobStatus.Unknown);
                },
                DelayGenerator = args =>
                {
                    var retryAfter = (args.Outcome.Exception as MindeeOcrApiException)?.RetryAfter ?? lastRetryAfter;
                    return new ValueTask<TimeSpan?>(schedule.NextDelay(polls, time.GetElapsedTime(started), retryAfter, Jitter.NextDouble()));
                },
                OnRetry = args =>
                {
                    if (args.Outcome.Exception is not null)
                    {
                        MindeeOcrTelemetry.CountRetry();
                    }

                    if (args.Outcome.Result is { } job)
                    {
                        if (job.Status == JobStatus.Unknown && !warnedUnknown)
                        {
                            warnedUnknown = true;
                            ClientLog.UnknownStatus(logger, jobId);
                        }

                        ClientLog.PollScheduled(logger, jobId, job.Status, args.RetryDelay.TotalMilliseconds);
                    }
                    else if (args.Outcome.Exception is { } error)
                    {
                        ClientLog.PollFailed(logger, jobId, args.RetryDelay.TotalMilliseconds, error.Message);
                    }

                    return default;
                },
            })
            .Build();

        OcrJob finalJob;
        try
        {
            if (justEnqueued && schedule.InitialDelay > TimeSpan.Zero)
            {
                await Task.Delay(schedule.InitialDelay, time, cancellationToken).ConfigureAwait(false);
            }

            finalJob = await pipeline.ExecuteAsync(
                async token =>
                {
                    polls++;
                    MindeeOcrTelemetry.Polls.Add(1);
                    activity?.SetTag(MindeeOcrTelemetry.PollCountTag, polls);
                    lastRetryAfter = null;
                    return await _transport.SendAsync(
                        HttpMethod.Get,
                        pollUri,
                        null,
                        _transport.Settings.RequestTimeout,
                        async (response, request, ct) =>
                        {
                            lastRetryAfter = RetryAfter.Read(response, time);
                            return await ReadJobAsync(response, request, ct).ConfigureAwait(false);
                        },
                        token).ConfigureAwait(false);
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
        {
            throw new MindeeOcrWaitCanceledException(jobId, ex, cancellationToken);
        }
        catch (MindeeOcrException ex) when (time.GetElapsedTime(started) >= schedule.Timeout && (Transient.IsRetryableGet(ex) || Transient.IsUnreadableBody(ex)))
        {
            ClientLog.WaitTimedOut(logger, jobId, time.GetElapsedTime(started).TotalMilliseconds, polls);
            throw new MindeeOcrTimeoutException(jobId, time.GetElapsedTime(started), ex);
        }

        var elapsed = time.GetElapsedTime(started);
        switch (finalJob.Status)
        {
            case JobStatus.Processed:
                ClientLog.JobProcessed(logger, jobId, elapsed.TotalMilliseconds, polls);
                break;
            case JobStatus.Failed:
                ClientLog.JobFailed(logger, jobId, elapsed.TotalMilliseconds, finalJob.Error?.Code, finalJob.Error?.Title);
                throw new MindeeOcrJobFailedException(jobId, finalJob.Error);
            default:
                ClientLog.WaitTimedOut(logger, jobId, elapsed.TotalMilliseconds, polls);
                throw new MindeeOcrTimeoutException(jobId, elapsed, null);
        }

        var resultUri = finalJob.ResultUrl is { } given
            ? OriginPolicy.RequireSameOrigin(_transport.Settings.BaseAddress, given, "result URL")
            : _transport.Resolve("v2/products/ocr/results/" + Uri.EscapeDataString(jobId));
        try
        {
            return await _transport.GetAsync(resultUri, ReadInferenceAsync, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
        {
            throw new MindeeOcrWaitCanceledException(jobId, ex, cancellationToken);
        }
    }

    private Uri JobUri(string jobId) => _transport.Resolve("v2/jobs/" + Uri.EscapeDataString(jobId) + "?redirect=false");

    private static string CheckId(string id, string paramName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id, paramName);
        foreach (var c in id)
        {
            if (char.IsControl(c) || char.IsWhiteSpace(c) || c is '/' or '\\' or '?' or '#')
            {
                throw new ArgumentException($"\"{id}\" is not an id: ids hold no white space, slashes, '?' or '#'.", paramName);
            }
        }

        if (id is "." or "..")
        {
            throw new ArgumentException($"\"{id}\" is not an id.", paramName);
        }

        return id;
    }

    private static string? Nonblank(string? value) => value is null || string.IsNullOrWhiteSpace(value) ? null : value;

    private static bool HasContent(ReadOnlySpan<byte> body)
    {
        foreach (var b in body)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return true;
            }
        }

        return false;
    }
}
