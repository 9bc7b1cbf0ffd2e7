using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Mindee.Ocr.Configuration;
using Mindee.Ocr.Input;
using Mindee.Ocr.Progress;
using Mindee.Ocr.Serialization;

namespace Mindee.Ocr.Http;

/// <summary>A job as one poll saw it, with the <c>Retry-After</c> the answer carried (even a 200 may).</summary>
internal readonly record struct PolledJob(OcrJob Job, TimeSpan? RetryAfter);

/// <summary>
/// The service's endpoints and how each answer is read: the enqueue, the job (with its <c>302</c>)
/// and the result. Paths and ids are escaped here, once.
/// </summary>
internal sealed class OcrApi(ApiTransport transport)
{
    public ApiTransport Transport { get; } = transport;

    public ClientSettings Settings => Transport.Settings;

    /// <summary>The job's status, asked with <c>redirect=false</c> so no client follows a redirect without its key.</summary>
    public Uri JobUri(string jobId) => Transport.Resolve("v2/jobs/" + Uri.EscapeDataString(jobId) + "?redirect=false");

    public Uri ResultUri(string inferenceId) => Transport.Resolve("v2/products/ocr/results/" + Uri.EscapeDataString(inferenceId));

    /// <summary>Where a processed job's result is: its <c>result_url</c> (same origin only), else the result endpoint.</summary>
    /// <exception cref="MindeeOcrException">The result URL is on another origin; nothing is sent there.</exception>
    public Uri ResultUri(OcrJob job) => job.ResultUrl is { } given
        ? OriginPolicy.RequireSameOrigin(Settings.BaseAddress, given, "result URL", Transport.Redactor)
        : ResultUri(job.Id);

    public Task<OcrJob> EnqueueAsync(PreparedUpload upload, EnqueueFields fields, ProgressReporter? progress, CancellationToken cancellationToken, IRequestGate? gate = null)
    {
        var request = new ApiRequest(HttpMethod.Post, Transport.Resolve("v2/products/ocr/enqueue"), "enqueue", Settings.UploadTimeout)
        {
            Content = () => upload.CreateContent(fields, progress),
            Alias = fields.Alias,
            Gate = gate,
        };
        return Transport.UploadAsync(request, upload, ReadEnqueuedAsync, cancellationToken);
    }

    /// <summary>The job's current state, retried on transient failures.</summary>
    public Task<OcrJob> GetJobAsync(string jobId, CancellationToken cancellationToken) =>
        Transport.GetAsync(JobRequest(jobId, Settings.RequestTimeout), async (response, request, ct) => (await ReadJobAsync(response, request, jobId, ct).ConfigureAwait(false)).Job, cancellationToken);

    /// <summary>One poll, not retried (the wait decides what to do with a failure), allowed <paramref name="timeout"/>.</summary>
    public ValueTask<PolledJob> PollJobAsync(string jobId, TimeSpan timeout, CancellationToken cancellationToken, IRequestGate? gate = null) =>
        Transport.SendAsync(JobRequest(jobId, timeout, gate), (response, request, ct) => ReadJobAsync(response, request, jobId, ct), cancellationToken);

    /// <summary>
    /// The result of <paramref name="inferenceId"/> at <paramref name="uri"/>, retried on transient
    /// failures (never on a 404: it expired or was deleted). A result of another inference is refused.
    /// </summary>
    public Task<OcrInference> GetResultAsync(Uri uri, string inferenceId, CancellationToken cancellationToken, IRequestGate? gate = null) =>
        Transport.GetAsync(
            new ApiRequest(HttpMethod.Get, uri, "result", Settings.RequestTimeout) { Gate = gate },
            async (response, request, ct) =>
            {
                var envelope = await Transport.ReadJsonAsync(response, request, MindeeJsonContext.Default.InferenceEnvelope, "an OCR result", ct).ConfigureAwait(false);
                return envelope.Inference.Id == inferenceId
                    ? envelope.Inference
                    : throw Failures.Unexpected(request, response, $"with the result of another inference ({Transport.Redactor.Redact(envelope.Inference.Id)}, not {inferenceId})");
            },
            cancellationToken);

    private ApiRequest JobRequest(string jobId, TimeSpan timeout, IRequestGate? gate = null) => new(HttpMethod.Get, JobUri(jobId), "job", timeout) { Gate = gate };

    private async ValueTask<OcrJob> ReadEnqueuedAsync(HttpResponseMessage response, ApiRequest request, CancellationToken cancellationToken)
    {
        var envelope = await Transport.ReadJsonAsync(response, request, MindeeJsonContext.Default.JobEnvelope, "a job", cancellationToken).ConfigureAwait(false);
        var job = envelope.Job;

        // The id is all that is needed to find the job again, so an unusable one (or one that holds
        // the key, echoed) is refused here, where it came: not later, in a URL or a log line.
        return Transport.Redactor.Holds(job.Id) || JobIds.Problem(job.Id) is not null
            ? throw Failures.Unexpected(request, response, $"with a job id the client cannot use (\"{Transport.Redactor.Redact(job.Id)}\")")
            : Transport.Redactor.Redact(job);
    }

    /// <summary>
    /// A job answer. The job endpoint answers <c>302</c> once the job is processed (even when asked
    /// not to, by some proxies): its body, when it is a job, is read; otherwise (no body, or a
    /// proxy's page) only the redirect is known, so the job is processed and <c>Location</c> names its result.
    /// </summary>
    private async ValueTask<PolledJob> ReadJobAsync(HttpResponseMessage response, ApiRequest request, string jobId, CancellationToken cancellationToken)
    {
        var retryAfter = RetryAfter.Read(response, Transport.Time);
        if ((int)response.StatusCode is not (302 or 303))
        {
            var envelope = await Transport.ReadJsonAsync(response, request, MindeeJsonContext.Default.JobEnvelope, "a job", cancellationToken).ConfigureAwait(false);
            return new PolledJob(SameJob(envelope.Job), retryAfter);
        }

        var location = response.Headers.Location;
        using var body = await Transport.ReadBodyAsync(response, request, cancellationToken).ConfigureAwait(false);
        if (Utf8Body.HasContent(body.Span))
        {
            if (JsonReading.TryRead(body.Span, MindeeJsonContext.Default.JobEnvelope, out var envelope, out var error))
            {
                var job = SameJob(envelope.Job);
                return new PolledJob(job.ResultUrl is null && location is not null && job.Status == JobStatus.Processed ? job with { ResultUrl = location } : job, retryAfter);
            }

            if (location is null)
            {
                throw Failures.Unreadable(request, response, "a job", error, Transport.Redactor);
            }

            // A proxy's own redirect page (HTML): the redirect alone says the job is processed.
        }
        else if (location is null)
        {
            throw new MindeeOcrApiException((int)response.StatusCode, null, null, retryAfter, request.Description + " (a redirect with neither a body nor a Location)");
        }

        var redirected = new OcrJob
        {
            Id = jobId,
            ModelId = string.Empty,
            FileName = string.Empty,
            CreatedAt = default,
            Status = JobStatus.Processed,
            PollingUrl = request.Uri,
            ResultUrl = location,
        };
        return new PolledJob(redirected, retryAfter);

        // The job answered must be the one asked: a mix-up (a proxy's cache) must not hand one
        // document's result to another's caller.
        OcrJob SameJob(OcrJob answered) => answered.Id == jobId
            ? Transport.Redactor.Redact(answered)
            : throw Failures.Unexpected(request, response, $"about another job ({Transport.Redactor.Redact(answered.Id)}, not {jobId})");
    }
}
