using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Mindee.Ocr.Configuration;
using Mindee.Ocr.Input;
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
        ? OriginPolicy.RequireSameOrigin(Settings.BaseAddress, given, "result URL")
        : ResultUri(job.Id);

    public Task<OcrJob> EnqueueAsync(PreparedUpload upload, EnqueueFields fields, CancellationToken cancellationToken)
    {
        var request = new ApiRequest(HttpMethod.Post, Transport.Resolve("v2/products/ocr/enqueue"), "enqueue", Settings.UploadTimeout)
        {
            Content = () => upload.CreateContent(fields),
            Alias = fields.Alias,
        };
        return Transport.UploadAsync(request, upload, ReadEnqueuedAsync, cancellationToken);
    }

    /// <summary>The job's current state, retried on transient failures.</summary>
    public Task<OcrJob> GetJobAsync(string jobId, CancellationToken cancellationToken) =>
        Transport.GetAsync(JobRequest(jobId), async (response, request, ct) => (await ReadJobAsync(response, request, jobId, ct).ConfigureAwait(false)).Job, cancellationToken);

    /// <summary>One poll, not retried: the wait decides what to do with a failure.</summary>
    public ValueTask<PolledJob> PollJobAsync(string jobId, CancellationToken cancellationToken) =>
        Transport.SendAsync(JobRequest(jobId), (response, request, ct) => ReadJobAsync(response, request, jobId, ct), cancellationToken);

    /// <summary>A result, retried on transient failures (never on a 404: it expired or was deleted).</summary>
    public Task<OcrInference> GetResultAsync(Uri uri, CancellationToken cancellationToken) =>
        Transport.GetAsync(new ApiRequest(HttpMethod.Get, uri, "result", Settings.RequestTimeout), ReadInferenceAsync, cancellationToken);

    private ApiRequest JobRequest(string jobId) => new(HttpMethod.Get, JobUri(jobId), "job", Settings.RequestTimeout);

    private async ValueTask<OcrJob> ReadEnqueuedAsync(HttpResponseMessage response, ApiRequest request, CancellationToken cancellationToken)
    {
        var envelope = await Transport.ReadJsonAsync(response, request, MindeeJsonContext.Default.JobEnvelope, "a job", cancellationToken).ConfigureAwait(false);
        return Transport.Redactor.Redact(envelope.Job);
    }

    private async ValueTask<OcrInference> ReadInferenceAsync(HttpResponseMessage response, ApiRequest request, CancellationToken cancellationToken)
    {
        var envelope = await Transport.ReadJsonAsync(response, request, MindeeJsonContext.Default.InferenceEnvelope, "an OCR result", cancellationToken).ConfigureAwait(false);
        return envelope.Inference;
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
            return new PolledJob(Transport.Redactor.Redact(envelope.Job), retryAfter);
        }

        var location = response.Headers.Location;
        using var body = await Transport.ReadBodyAsync(response, request, cancellationToken).ConfigureAwait(false);
        if (Utf8Body.HasContent(body.Span))
        {
            if (JsonReading.TryRead(body.Span, MindeeJsonContext.Default.JobEnvelope, out var envelope, out var error))
            {
                var job = Transport.Redactor.Redact(envelope.Job);
                return new PolledJob(job.ResultUrl is null && location is not null && job.Status == JobStatus.Processed ? job with { ResultUrl = location } : job, retryAfter);
            }

            if (location is null)
            {
                throw Failures.Unreadable(request, response, "a job", error);
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
    }
}
