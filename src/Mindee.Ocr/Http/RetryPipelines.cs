using System;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Mindee.Ocr.Configuration;
using Mindee.Ocr.Diagnostics;
using Mindee.Ocr.Input;
using Polly;
using Polly.Retry;

namespace Mindee.Ocr.Http;

/// <summary>
/// The client's one retry mechanism: Polly retry pipelines, built once per client on its clock,
/// each deciding from the failure's kind (<see cref="RetryRules"/>): one for <c>GET</c>s, one for
/// the enqueue. Exponential backoff with jitter from the client's randomizer, <c>Retry-After</c> as
/// the floor, and a <c>Retry-After</c> past <see cref="ClientSettings.RetryMaxDelay"/> handed to the
/// caller instead of waited out. What a call carries (its request, its upload) travels in the
/// <see cref="ResilienceContext"/>.
/// </summary>
internal sealed class RetryPipelines
{
    public static readonly ResiliencePropertyKey<ApiRequest> RequestKey = new("Mindee.Ocr.Request");

    public static readonly ResiliencePropertyKey<PreparedUpload> UploadKey = new("Mindee.Ocr.Upload");

    private readonly ClientSettings _settings;
    private readonly ILogger _logger;
    private readonly Redactor _redactor;

    public RetryPipelines(ClientSettings settings, TimeProvider time, ILogger logger, Redactor redactor)
    {
        _settings = settings;
        _logger = logger;
        _redactor = redactor;
        Get = Build(time, RetryRules.IsRetryableGet);
        Upload = Build(time, RetryRules.IsRetryableUpload);
    }

    /// <summary>Whether the upload pipeline would send a document again after <paramref name="failure"/>, were its body still there to send.</summary>
    public bool WouldRetryUpload(MindeeOcrException failure) =>
        _settings.MaxRetryAttempts > 0 && RetryRules.IsRetryableUpload(failure) && !ExceedsRetryCeiling(failure);

    /// <summary>For <c>GET</c>s: network errors, timeouts, 408, 429 and 5xx.</summary>
    public ResiliencePipeline Get { get; }

    /// <summary>For the enqueue: a 429 or no connection at all, and only while the document can be sent again.</summary>
    public ResiliencePipeline Upload { get; }

    /// <summary>Exponential backoff with ±20% jitter, capped at the longest retry delay, and never shorter than the service's <c>Retry-After</c>.</summary>
    public TimeSpan Delay(int attempt, TimeSpan? retryAfter)
    {
        double baseMs = _settings.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30));
        double jittered = baseMs * (0.8 + (0.4 * _settings.Random()));
        var delay = TimeSpan.FromMilliseconds(Math.Min(jittered, _settings.RetryMaxDelay.TotalMilliseconds));
        return retryAfter is { } floor && floor > delay ? floor : delay;
    }

    /// <summary>
    /// A <c>Retry-After</c> longer than <see cref="ClientSettings.RetryMaxDelay"/> is not waited out
    /// silently: the exception goes to the caller, who can see <see cref="MindeeOcrApiException.RetryAfter"/>.
    /// </summary>
    private bool ExceedsRetryCeiling(MindeeOcrException failure) =>
        failure is MindeeOcrApiException { RetryAfter: { } wait } && wait > _settings.RetryMaxDelay;

    private ResiliencePipeline Build(TimeProvider time, Func<MindeeOcrException, bool> isRetryable)
    {
        if (_settings.MaxRetryAttempts == 0)
        {
            return ResiliencePipeline.Empty;
        }

        return new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = _settings.MaxRetryAttempts,
                ShouldHandle = args => new ValueTask<bool>(
                    args.Outcome.Exception is MindeeOcrException failure
                    && isRetryable(failure)
                    && !ExceedsRetryCeiling(failure)
                    && !(args.Context.Properties.TryGetValue(UploadKey, out var upload) && !upload.CanSendAgain)),
                DelayGenerator = args => new ValueTask<TimeSpan?>(
                    Delay(args.AttemptNumber, (args.Outcome.Exception as MindeeOcrApiException)?.RetryAfter)),
                OnRetry = args =>
                {
                    MindeeOcrTelemetry.CountRetry();
                    if (_logger.IsEnabled(LogLevel.Warning) && args.Context.Properties.TryGetValue(RequestKey, out var request))
                    {
                        ClientLog.RetryScheduled(_logger, request.Description, args.RetryDelay.TotalMilliseconds, args.AttemptNumber + 1, Failures.Reason(args.Outcome.Exception!, _redactor));
                    }

                    return default;
                },
            })
            .Build();
    }
}
