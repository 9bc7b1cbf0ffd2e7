using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Mindee.Ocr.Configuration;
using Mindee.Ocr.Diagnostics;
using Mindee.Ocr.Http;
using Mindee.Ocr.Input;
using Mindee.Ocr.Polling;
using Mindee.Ocr.Progress;

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
    private readonly OcrApi _api;
    private readonly JobPoller _poller;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    /// <summary>
    /// A standalone client, for use without dependency injection. Clients built this way share one
    /// pooled handler per distinct (proxy, connect timeout) setting, so building many never
    /// exhausts sockets, and nothing needs disposing.
    /// </summary>
    /// <param name="options">The settings; copied. Unset ones come from the environment variables, then the defaults.</param>
    /// <exception cref="ArgumentException">Settings are missing or invalid; the message names each, and its environment variable.</exception>
    public MindeeOcrClient(MindeeOcrOptions options)
        : this(ClientSettings.Resolve(options, MindeeOcrEnvironment.Read()), httpClient: null, TimeProvider.System, loggerFactory: null)
    {
    }

    /// <summary>
    /// A client over your own <see cref="HttpClient"/> (dependency injection uses this). The
    /// client sends absolute URLs and its own headers, so the <see cref="HttpClient"/> needs no
    /// base address; it should not follow redirects automatically (the client handles them itself).
    /// </summary>
    /// <param name="httpClient">The HTTP client to send with.</param>
    /// <param name="options">The settings; copied. Unset ones come from the environment variables, then the defaults.</param>
    /// <param name="timeProvider">The clock for every wait and timeout; the system clock when null.</param>
    /// <param name="loggerFactory">Where logs go; nowhere when null.</param>
    /// <exception cref="ArgumentException">Settings are missing or invalid; the message names each, and its environment variable.</exception>
    public MindeeOcrClient(HttpClient httpClient, MindeeOcrOptions options, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
        : this(ClientSettings.Resolve(options, MindeeOcrEnvironment.Read()), httpClient ?? throw new ArgumentNullException(nameof(httpClient)), timeProvider, loggerFactory)
    {
    }

    private MindeeOcrClient(ClientSettings settings, HttpClient? httpClient, TimeProvider? timeProvider, ILoggerFactory? loggerFactory)
    {
        _logger = (ILogger?)loggerFactory?.CreateLogger<MindeeOcrClient>() ?? NullLogger.Instance;
        var http = httpClient ?? SharedHandlers.CreateClient(settings.Proxy, settings.ConnectTimeout);
        _time = timeProvider ?? TimeProvider.System;
        _api = new OcrApi(new ApiTransport(http, settings, _time, _logger));
        _poller = new JobPoller(_api, _logger);
    }

    internal ClientSettings Settings => _api.Settings;

    internal TimeProvider Time => _time;

    /// <inheritdoc />
    public Task<OcrJob> EnqueueAsync(OcrInput input, EnqueueOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return MindeeOcrTelemetry.TraceAsync(
            "Enqueue",
            (Self: this, Input: input, Options: options, Token: cancellationToken),
            static async (s, activity) =>
            {
                var job = await s.Self.EnqueueCoreAsync(s.Input, s.Options ?? new EnqueueOptions(), progress: null, s.Token).ConfigureAwait(false);
                activity?.SetTag(MindeeOcrTelemetry.JobIdTag, job.Id).SetTag(MindeeOcrTelemetry.JobStatusTag, job.Status.ToString());
                return job;
            });
    }

    /// <inheritdoc />
    public Task<OcrJob> GetJobAsync(string jobId, CancellationToken cancellationToken = default)
    {
        JobIds.Check(jobId, nameof(jobId));
        return MindeeOcrTelemetry.TraceAsync(
            "GetJob",
            (Api: _api, JobId: jobId, Token: cancellationToken),
            static async (s, activity) =>
            {
                activity?.SetTag(MindeeOcrTelemetry.JobIdTag, s.JobId);
                var job = await s.Api.GetJobAsync(s.JobId, s.Token).ConfigureAwait(false);
                activity?.SetTag(MindeeOcrTelemetry.JobStatusTag, job.Status.ToString());
                return job;
            });
    }

    /// <inheritdoc />
    public Task<OcrInference> GetResultAsync(string inferenceId, CancellationToken cancellationToken = default)
    {
        JobIds.Check(inferenceId, nameof(inferenceId));
        return MindeeOcrTelemetry.TraceAsync(
            "GetResult",
            (Api: _api, Id: inferenceId, Token: cancellationToken),
            static (s, activity) =>
            {
                activity?.SetTag(MindeeOcrTelemetry.JobIdTag, s.Id);
                return s.Api.GetResultAsync(s.Api.ResultUri(s.Id), s.Id, s.Token);
            });
    }

    /// <inheritdoc />
    public Task<OcrInference> WaitForResultAsync(string jobId, CancellationToken cancellationToken) =>
        WaitForResultAsync(jobId, wait: null, cancellationToken);

    /// <inheritdoc />
    public Task<OcrInference> WaitForResultAsync(string jobId, WaitOptions? wait = null, CancellationToken cancellationToken = default)
    {
        JobIds.Check(jobId, nameof(jobId));
        var schedule = ScheduleFor(wait);
        return MindeeOcrTelemetry.TraceAsync(
            "WaitForResult",
            (Self: this, JobId: jobId, Schedule: schedule, Progress: ProgressReporter.For(wait, _time), Token: cancellationToken),
            static (s, activity) => s.Self.WaitAsync(s.JobId, justEnqueued: false, s.Schedule, s.Progress, activity, s.Token));
    }

    /// <inheritdoc />
    public Task<OcrInference> EnqueueAndWaitAsync(OcrInput input, EnqueueOptions? options, CancellationToken cancellationToken) =>
        EnqueueAndWaitAsync(input, options, wait: null, cancellationToken);

    /// <inheritdoc />
    public Task<OcrInference> EnqueueAndWaitAsync(OcrInput input, EnqueueOptions? options = null, WaitOptions? wait = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var schedule = ScheduleFor(wait);
        return MindeeOcrTelemetry.TraceAsync(
            "EnqueueAndWait",
            (Self: this, Input: input, Options: options, Schedule: schedule, Progress: ProgressReporter.For(wait, _time), Token: cancellationToken),
            static async (s, activity) =>
            {
                var job = await MindeeOcrTelemetry.TraceAsync(
                    "Enqueue",
                    s,
                    static async (s, enqueueActivity) =>
                    {
                        var enqueued = await s.Self.EnqueueCoreAsync(s.Input, s.Options ?? new EnqueueOptions(), s.Progress, s.Token).ConfigureAwait(false);
                        enqueueActivity?.SetTag(MindeeOcrTelemetry.JobIdTag, enqueued.Id).SetTag(MindeeOcrTelemetry.JobStatusTag, enqueued.Status.ToString());
                        return enqueued;
                    }).ConfigureAwait(false);
                s.Progress?.Stage(OcrProgressStage.Queued, polls: 0);
                return await s.Self.WaitAsync(job.Id, justEnqueued: true, s.Schedule, s.Progress, activity, s.Token).ConfigureAwait(false);
            });
    }

    /// <inheritdoc />
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The two overloads differ by their input sequence, synchronous or asynchronous; the names are fixed by the API.")]
    public IAsyncEnumerable<OcrBatchItem> ProcessManyAsync(IEnumerable<OcrInput> inputs, OcrBatchOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        int? total = inputs switch
        {
            ICollection<OcrInput> collection => collection.Count,
            IReadOnlyCollection<OcrInput> collection => collection.Count,
            _ => null,
        };
        return new BatchSequence(this, CheckBatch(options), new SyncInputs(inputs), total, cancellationToken);
    }

    /// <inheritdoc />
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The two overloads differ by their input sequence, synchronous or asynchronous; the names are fixed by the API.")]
    public IAsyncEnumerable<OcrBatchItem> ProcessManyAsync(IAsyncEnumerable<OcrInput> inputs, OcrBatchOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return new BatchSequence(this, CheckBatch(options), inputs, total: null, cancellationToken);
    }

    /// <summary>
    /// Sends one document of a batch. Its upload, once begun, runs to its end even if the batch
    /// stops, so its job id is known. A <c>429</c> the batch may hold for (<paramref name="canHold"/>)
    /// sends the same prepared document again once the hold ends: a <c>429</c> means it was not taken.
    /// </summary>
    internal async Task<OcrJob> EnqueueForBatchAsync(
        OcrInput input, EnqueueOptions options, IProgress<OcrProgress> bytes, IRequestGate gate, Func<MindeeOcrApiException, bool> canHold, CancellationToken stop)
    {
        var fields = EnqueueFields.From(options, _api.Settings.DefaultModelId);
        var upload = await input.PrepareAsync(fields.FileName, _api.Settings.CheckFileType, stop).ConfigureAwait(false);
        await using (upload.ConfigureAwait(false))
        {
            var progress = new ProgressReporter(bytes, _time) { TotalBytes = upload.DocumentLength };
            for (int holds = 0; ; holds++)
            {
                try
                {
                    var job = await _api.EnqueueAsync(upload, fields with { FileName = upload.FileName }, progress, CancellationToken.None, gate).ConfigureAwait(false);
                    ClientLog.JobEnqueued(_logger, job.Id, upload.FileName ?? input.Kind.ToString());
                    return job;
                }
                catch (MindeeOcrApiException ex) when (canHold(ex) && holds < BatchRunner.MaxHolds && upload.CanSendAgain)
                {
                    // The gate holds the whole batch for the Retry-After (the transport set it); then again.
                }
            }
        }
    }

    /// <summary>Waits for one job of a batch, its polls and result fetch through <paramref name="gate"/>.</summary>
    internal Task<OcrInference> WaitForBatchAsync(string jobId, bool justEnqueued, IRequestGate gate, CancellationToken cancellationToken) =>
        _poller.WaitAsync(jobId, justEnqueued, _api.Settings.Polling, progress: null, activity: null, cancellationToken, gate);

    /// <summary>A batch's runner with its gates: the limiters given, or the defaults shared by every client of this service, key and clock.</summary>
    internal BatchRunner CreateBatch(OcrBatchOptions options, int? total)
    {
        var defaults = options.EnqueueRateLimiter is null || options.RequestRateLimiter is null ? BatchLimits.For(_api.Settings, _time) : null;
        return new BatchRunner(
            this,
            options,
            BatchLimits.GateFor(options.EnqueueRateLimiter ?? defaults!.Enqueue, _time, _api.Settings.Random),
            BatchLimits.GateFor(options.RequestRateLimiter ?? defaults!.Requests, _time, _api.Settings.Random),
            total);
    }

    private OcrBatchOptions CheckBatch(OcrBatchOptions? options)
    {
        options ??= new OcrBatchOptions();
        if (_api.Settings.DefaultModelId is null && options.EnqueueOptionsFor is null)
        {
            throw new ArgumentException(
                "No model id for the batch: set MindeeOcrOptions.ModelId (or MINDEE_V2_OCR_MODEL_ID), or give each document one through OcrBatchOptions.EnqueueOptionsFor. Nothing was sent.",
                nameof(options));
        }

        return options;
    }

    private PollingSchedule ScheduleFor(WaitOptions? wait) =>
        wait?.Polling is { } polling ? PollingSchedule.ForCall(polling, nameof(wait)) : _api.Settings.Polling;

    private async Task<OcrJob> EnqueueCoreAsync(OcrInput input, EnqueueOptions options, ProgressReporter? progress, CancellationToken cancellationToken)
    {
        var fields = EnqueueFields.From(options, _api.Settings.DefaultModelId);
        var upload = await input.PrepareAsync(fields.FileName, _api.Settings.CheckFileType, cancellationToken).ConfigureAwait(false);
        await using (upload.ConfigureAwait(false))
        {
            if (progress is not null)
            {
                progress.TotalBytes = upload.DocumentLength;
            }

            var job = await _api.EnqueueAsync(upload, fields with { FileName = upload.FileName }, progress, cancellationToken).ConfigureAwait(false);
            ClientLog.JobEnqueued(_logger, job.Id, upload.FileName ?? input.Kind.ToString());
            return job;
        }
    }

    private async Task<OcrInference> WaitAsync(
        string jobId, bool justEnqueued, PollingSchedule schedule, ProgressReporter? progress, Activity? activity, CancellationToken cancellationToken)
    {
        activity?.SetTag(MindeeOcrTelemetry.JobIdTag, jobId);
        var result = await _poller.WaitAsync(jobId, justEnqueued, schedule, progress, activity, cancellationToken).ConfigureAwait(false);
        activity?.SetTag(MindeeOcrTelemetry.JobStatusTag, nameof(JobStatus.Processed));
        return result;
    }
}
