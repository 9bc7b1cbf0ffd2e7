using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Mindee.Ocr.Testing;

/// <summary>
/// The Mindee OCR API v2 in process: an <see cref="HttpMessageHandler"/> that speaks the real
/// protocol (enqueue <c>202</c>, job <c>200</c> while processing, <c>302</c> or, with
/// <c>redirect=false</c>, <c>200</c> once processed, result <c>200</c>, problem bodies), so the
/// client under test runs its real code paths, with no sockets and no cost. Thread-safe.
/// </summary>
/// <example>
/// <code>
/// var fake = new FakeMindeeService().Then(FakeJobScenario.Succeeds(OcrResultFactory.FromPages("Total 42.00"), processingPolls: 2));
/// var client = new MindeeOcrClient(fake.CreateHttpClient(), new MindeeOcrOptions { ApiKey = "test", ModelId = "model" });
/// // or: services.AddMindeeOcr(…).ConfigurePrimaryHttpMessageHandler(() => fake);
/// var result = await client.EnqueueAndWaitAsync(new FileInfo("invoice.pdf"));
/// Assert.Equal("invoice.pdf", fake.Enqueues.Single().FileName);
/// </code>
/// </example>
public sealed class FakeMindeeService : HttpMessageHandler
{
    private readonly object _gate = new();
    private TimeProvider _time;
    private SelfAdvancingClock? _clientClock;
    private readonly Queue<FakeJobScenario> _next = new();
    private readonly List<RecordedEnqueue> _enqueues = [];
    private readonly Dictionary<string, FakeJob> _jobs = new(StringComparer.Ordinal);
    private int _polls;
    private readonly Queue<DateTimeOffset> _enqueueTimes = new();
    private readonly Queue<DateTimeOffset> _requestTimes = new();
    private int _rateLimited;

    /// <summary>Creates a fake service.</summary>
    /// <param name="timeProvider">
    /// The clock for <see cref="FakeJobScenario.ProcessingTime"/>; give it the same one as the client's.
    /// <see cref="CreateClient"/>'s clients read this clock too, and move the time they share forward themselves.
    /// </param>
    public FakeMindeeService(TimeProvider? timeProvider = null) => _time = timeProvider ?? TimeProvider.System;

    /// <summary>What a document gets when no scenario was queued with <see cref="Then"/>: processed at the first poll, with a synthetic result.</summary>
    public FakeJobScenario DefaultScenario { get; set; } = FakeJobScenario.Succeeds();

    /// <summary>Every enqueue received, in order.</summary>
    public IReadOnlyList<RecordedEnqueue> Enqueues
    {
        get
        {
            lock (_gate)
            {
                return _enqueues.ToArray();
            }
        }
    }

    private DateTimeOffset Now => Volatile.Read(ref _time).GetUtcNow();

    /// <summary>
    /// The most enqueues the fake takes in any 60 seconds of its clock (a sliding window, see
    /// <see cref="RateLimitWindow"/>), as the
    /// service limits them per organisation (200); past it, <c>429</c> with <c>Retry-After</c>.
    /// Null (the default) for no limit.
    /// </summary>
    public int? EnqueuesPerMinute { get; set; }

    /// <summary>
    /// The most other requests (polls, result fetches) the fake takes in any 60 seconds (<see cref="RateLimitWindow"/>) of its
    /// clock, as the service limits them (1,200); past it, <c>429</c> with <c>Retry-After</c>.
    /// Null (the default) for no limit.
    /// </summary>
    public int? RequestsPerMinute { get; set; }

    /// <summary>
    /// The sliding window, on the fake's clock, that <see cref="EnqueuesPerMinute"/> and
    /// <see cref="RequestsPerMinute"/> count in: one minute (the default), as the service's. A
    /// shorter one scales a rate-limited test down in real time: with 6 seconds,
    /// <c>EnqueuesPerMinute = 20</c> lets 20 enqueues through in any 6 seconds, as 200 a minute
    /// would in any 60. <c>Retry-After</c> is then in whole seconds still, at least 1.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The window is not positive.</exception>
    public TimeSpan RateLimitWindow
    {
        get => new(Interlocked.Read(ref _rateWindowTicks));
        set => Interlocked.Exchange(ref _rateWindowTicks, value > TimeSpan.Zero ? value.Ticks : throw new ArgumentOutOfRangeException(nameof(value), value, "The rate limit window is longer than zero."));
    }

    private long _rateWindowTicks = TimeSpan.TicksPerMinute;

    /// <summary>How many requests were answered <c>429</c> for going past <see cref="EnqueuesPerMinute"/> or <see cref="RequestsPerMinute"/>.</summary>
    public int RateLimited => Volatile.Read(ref _rateLimited);

    /// <summary>Enforces the service's documented rate limits: 200 enqueues and 1,200 other requests a minute.</summary>
    /// <param name="enqueuesPerMinute">See <see cref="EnqueuesPerMinute"/>.</param>
    /// <param name="requestsPerMinute">See <see cref="RequestsPerMinute"/>.</param>
    /// <returns>This fake, to chain calls.</returns>
    public FakeMindeeService WithRateLimits(int enqueuesPerMinute = 200, int requestsPerMinute = 1200)
    {
        if (enqueuesPerMinute < 1 || requestsPerMinute < 1)
        {
            throw new ArgumentOutOfRangeException(enqueuesPerMinute < 1 ? nameof(enqueuesPerMinute) : nameof(requestsPerMinute), "A rate limit lets at least one request through a minute.");
        }
        EnqueuesPerMinute = enqueuesPerMinute;
        RequestsPerMinute = requestsPerMinute;
        return this;
    }

    /// <summary>How many times job statuses were polled, over all jobs.</summary>
    public int Polls => Volatile.Read(ref _polls);

    /// <summary>Queues what the next enqueued document gets; scenarios are used in order, then <see cref="DefaultScenario"/>.</summary>
    /// <param name="scenario">The scenario.</param>
    /// <returns>This fake, to chain calls.</returns>
    public FakeMindeeService Then(FakeJobScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        lock (_gate)
        {
            _next.Enqueue(scenario);
        }

        return this;
    }

    /// <summary>An <see cref="HttpClient"/> over this fake, for <c>new MindeeOcrClient(fake.CreateHttpClient(), options)</c>.</summary>
    /// <returns>A client that does not dispose this fake.</returns>
    public HttpClient CreateHttpClient() => new(this, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>
    /// A client wired to this fake whose waits take no real time: each time it would wait (before a
    /// poll, before a retry) it advances its clock to the end of the wait itself, so a job that
    /// "takes" minutes is waited for in microseconds, and the polls, timeouts and
    /// <see cref="FakeJobScenario.ProcessingTime"/> all see the time the client waited. The fake and
    /// its clients share one timeline: the clock the fake was built with (a <c>FakeTimeProvider</c>
    /// of yours, or the system clock), plus the time the clients have waited; advancing your own
    /// <c>FakeTimeProvider</c> moves it for both. The timeouts the client sets on its requests stay
    /// on the fake's clock itself (they never fire by accident). For step-by-step control of time,
    /// build the client yourself over <see cref="CreateHttpClient"/> with your own <c>FakeTimeProvider</c>.
    /// </summary>
    /// <example>
    /// <code>
    /// var fake = new FakeMindeeService().Then(FakeJobScenario.Succeeds(OcrResultFactory.FromPages("Total 42.00"), processingPolls: 3));
    /// IMindeeOcrClient client = fake.CreateClient();
    /// OcrInference result = await client.EnqueueAndWaitAsync(OcrInput.FromBytes(pdfBytes, "invoice.pdf")); // milliseconds
    /// </code>
    /// </example>
    /// <param name="options">
    /// The client's settings; null for an API key and a model id of the fake's own. When given, they
    /// are used as they are (set <see cref="MindeeOcrOptions.ApiKey"/> and <see cref="MindeeOcrOptions.ModelId"/>,
    /// or the environment variables are read, as for any client).
    /// </param>
    /// <returns>A client that sends to this fake only; it needs no disposing.</returns>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public IMindeeOcrClient CreateClient(MindeeOcrOptions? options = null)
    {
        SelfAdvancingClock clock;
        lock (_gate)
        {
            if (_clientClock is null)
            {
                // From now on the fake reads the shared timeline too, so ProcessingTime sees the waits.
                _clientClock = new SelfAdvancingClock(_time);
                Volatile.Write(ref _time, _clientClock);
            }

            clock = _clientClock;
        }

        options ??= new MindeeOcrOptions { ApiKey = FakeApiKey, ModelId = FakeModelId };
        return new MindeeOcrClient(CreateHttpClient(), options, clock);
    }

    /// <summary>The API key a client from <see cref="CreateClient"/> sends when given no options.</summary>
    public const string FakeApiKey = "fake-api-key";

    /// <summary>The model id a client from <see cref="CreateClient"/> sends when given no options.</summary>
    public const string FakeModelId = "fake-model-id";

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Headers.TryGetValues("Authorization", out var auth) || string.IsNullOrWhiteSpace(auth.FirstOrDefault()))
        {
            return Problem(401, "401-008", "Unauthorized", "Missing credentials.");
        }

        var uri = request.RequestUri!;
        var path = uri.AbsolutePath;
        bool isEnqueue = request.Method == HttpMethod.Post;
        if (OverLimit(isEnqueue ? _enqueueTimes : _requestTimes, isEnqueue ? EnqueuesPerMinute : RequestsPerMinute) is { } retryAfter)
        {
            Interlocked.Increment(ref _rateLimited);
            return Problem(429, "429-001", "Too Many Requests", isEnqueue ? "Too many enqueues this minute." : "Too many requests this minute.", retryAfter);
        }

        var origin = uri.GetLeftPart(UriPartial.Authority) + path[..(path.IndexOf("/v2/", StringComparison.Ordinal) + 1)];
        if (request.Method == HttpMethod.Post && path.EndsWith("/v2/products/ocr/enqueue", StringComparison.Ordinal))
        {
            var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            return Enqueue(body, request.Content?.Headers.ContentType, origin);
        }

        if (request.Method == HttpMethod.Get && TryId(path, "/v2/jobs/", out var jobId))
        {
            bool redirect = !uri.Query.Contains("redirect=false", StringComparison.OrdinalIgnoreCase);
            return Poll(jobId, redirect, origin);
        }

        if (request.Method == HttpMethod.Get && (TryId(path, "/v2/products/ocr/results/", out var resultId) || TryId(path, "/v2/inferences/", out resultId)))
        {
            return Result(resultId);
        }

        return Problem(404, "404-001", "Not Found", $"No route {request.Method} {path}.");
    }

    /// <summary>Counts the request in its window (<see cref="RateLimitWindow"/>); past the limit, how long until the window has room again.</summary>
    private TimeSpan? OverLimit(Queue<DateTimeOffset> window, int? limit)
    {
        if (limit is not { } max)
        {
            return null;
        }

        var now = Now;
        var length = RateLimitWindow;
        lock (window)
        {
            while (window.Count > 0 && now - window.Peek() >= length)
            {
                window.Dequeue();
            }

            if (window.Count < max)
            {
                window.Enqueue(now);
                return null;
            }

            var wait = window.Peek() + length - now;
            return TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(wait.TotalSeconds)));
        }
    }

    private HttpResponseMessage Enqueue(byte[] body, MediaTypeHeaderValue? contentType, string origin)
    {
        FakeJobScenario scenario;
        lock (_gate)
        {
            scenario = _next.Count > 0 ? _next.Dequeue() : DefaultScenario;
        }

        if (scenario.EnqueueError is { } error)
        {
            return Problem(error.Status, error.Code, error.Title, "The fake service was told to refuse this enqueue.", error.RetryAfter);
        }

        RecordedEnqueue sent;
        try
        {
            sent = contentType?.MediaType == "multipart/form-data" ? ReadForm(body, contentType) : ReadJson(body);
        }
        catch (Exception ex) when (ex is FormatException or JsonException or InvalidOperationException)
        {
            return Problem(422, "422-001", "Invalid body", "The body could not be read: " + ex.Message);
        }

        if (string.IsNullOrEmpty(sent.ModelId))
        {
            return Problem(422, "422-009", "Invalid fields in form", "One or more fields failed validation.", pointer: "#/model_id");
        }

        // The id is given and the job recorded in one step: concurrent enqueues never share an id.
        FakeJob job;
        lock (_gate)
        {
            sent = sent with { JobId = $"fake-job-{_enqueues.Count + 1:D4}" };
            job = new FakeJob(sent, scenario, Now, origin);
            _enqueues.Add(sent);
            _jobs.Add(sent.JobId, job);
        }

        return Json(HttpStatusCode.Accepted, MindeeOcrJson.SerializeToUtf8Bytes(job.ToJob(JobStatus.Processing, null)));
    }

    private HttpResponseMessage Poll(string jobId, bool redirect, string origin)
    {
        Interlocked.Increment(ref _polls);
        FakeJob? job;
        lock (_gate)
        {
            _jobs.TryGetValue(jobId, out job);
        }

        if (job is null)
        {
            return Problem(404, "404-001", "Not Found", $"No job {jobId}.");
        }

        int poll = Interlocked.Increment(ref job.Polls);
        var scenario = job.Scenario;
        if (scenario.PollError is { } error && poll <= scenario.PollErrorCount)
        {
            return Problem(error.Status, error.Code, error.Title, "The fake service was told to fail this poll.", error.RetryAfter);
        }

        int answeredPolls = poll - (scenario.PollError is null ? 0 : scenario.PollErrorCount);
        bool done = scenario.ProcessingTime is { } duration
            ? Now - job.CreatedAt >= duration
            : answeredPolls > scenario.ProcessingPolls;
        if (!done)
        {
            return Json(HttpStatusCode.OK, MindeeOcrJson.SerializeToUtf8Bytes(job.ToJob(JobStatus.Processing, null)));
        }

        if (scenario.JobFailure is not null)
        {
            return Json(HttpStatusCode.OK, MindeeOcrJson.SerializeToUtf8Bytes(job.ToJob(JobStatus.Failed, null)));
        }

        var resultUrl = new Uri(origin + "v2/products/ocr/results/" + jobId);
        var processed = Json(redirect ? HttpStatusCode.Found : HttpStatusCode.OK, MindeeOcrJson.SerializeToUtf8Bytes(job.ToJob(JobStatus.Processed, resultUrl)));
        if (redirect)
        {
            processed.Headers.Location = resultUrl;
        }

        return processed;
    }

    private HttpResponseMessage Result(string id)
    {
        FakeJob? job;
        lock (_gate)
        {
            _jobs.TryGetValue(id, out job);
        }

        if (job is null)
        {
            return Problem(404, "404-002", "Not Found", $"No result {id}: it never existed, expired, or was deleted.");
        }

        if (job.Scenario.ResultError is { } error && Interlocked.Increment(ref job.ResultFetches) <= job.Scenario.ResultErrorCount)
        {
            return Problem(error.Status, error.Code, error.Title, "The fake service was told to fail this result fetch.", error.RetryAfter);
        }

        return Json(HttpStatusCode.OK, MindeeOcrJson.SerializeToUtf8Bytes(job.Result()));
    }

    private static RecordedEnqueue ReadForm(byte[] body, MediaTypeHeaderValue contentType)
    {
        var parts = FormData.Parse(body, FormData.Boundary(contentType.ToString()));
        string? Field(string name) => parts.FirstOrDefault(p => p.Name == name)?.Text;
        var file = parts.FirstOrDefault(p => p.Name == "file") ?? throw new FormatException("The form has no file part.");
        return new RecordedEnqueue
        {
            JobId = string.Empty,
            Kind = OcrInputKind.File,
            FileName = Field("filename") ?? file.FileName,
            ByteCount = file.Bytes.LongLength,
            ContentType = file.ContentType,
            ModelId = Field("model_id"),
            Alias = Field("alias"),
            WebhookIds = parts.Where(p => p.Name == "webhook_ids").Select(p => p.Text).ToArray(),
        };
    }

    private static RecordedEnqueue ReadJson(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        string? Field(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var base64 = Field("file_base64");
        var webhooks = root.TryGetProperty("webhook_ids", out var ids) && ids.ValueKind == JsonValueKind.Array
            ? ids.EnumerateArray().Select(i => i.GetString() ?? string.Empty).ToArray()
            : [];
        return new RecordedEnqueue
        {
            JobId = string.Empty,
            Kind = base64 is null ? OcrInputKind.Url : OcrInputKind.Base64,
            FileName = Field("filename"),
            ByteCount = base64 is null ? 0 : Convert.FromBase64String(base64).LongLength,
            ModelId = Field("model_id"),
            Alias = Field("alias"),
            WebhookIds = webhooks,
            Url = Field("url"),
        };
    }

    private static bool TryId(string path, string marker, out string id)
    {
        int at = path.IndexOf(marker, StringComparison.Ordinal);
        id = at < 0 ? string.Empty : Uri.UnescapeDataString(path[(at + marker.Length)..]);
        return at >= 0 && id.Length > 0 && id.IndexOf('/') < 0;
    }

    private static HttpResponseMessage Json(HttpStatusCode status, byte[] json)
    {
        var content = new ByteArrayContent(json);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return new HttpResponseMessage(status) { Content = content };
    }

    private static HttpResponseMessage Problem(int status, string? code, string? title, string detail, TimeSpan? retryAfter = null, string? pointer = null)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("status", status);
            writer.WriteString("title", title ?? ((HttpStatusCode)status).ToString());
            writer.WriteString("code", code ?? status.ToString(CultureInfo.InvariantCulture) + "-000");
            writer.WriteString("detail", detail);
            writer.WriteStartArray("errors");
            if (pointer is not null)
            {
                writer.WriteStartObject();
                writer.WriteString("pointer", pointer);
                writer.WriteString("detail", "This field is required.");
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        var response = Json((HttpStatusCode)status, buffer.ToArray());
        response.Content.Headers.ContentType = new MediaTypeHeaderValue("application/problem+json");
        if (retryAfter is { } wait)
        {
            response.Headers.RetryAfter = new RetryConditionHeaderValue(wait);
        }

        return response;
    }

    private sealed class FakeJob(RecordedEnqueue sent, FakeJobScenario scenario, DateTimeOffset createdAt, string origin)
    {
        public int Polls;

        public int ResultFetches;

        public FakeJobScenario Scenario { get; } = scenario;

        public DateTimeOffset CreatedAt { get; } = createdAt;

        public OcrJob ToJob(JobStatus status, Uri? resultUrl) => new()
        {
            Id = sent.JobId,
            ModelId = sent.ModelId ?? string.Empty,
            FileName = sent.FileName ?? "document",
            Alias = sent.Alias,
            CreatedAt = CreatedAt,
            CompletedAt = status == JobStatus.Processing ? null : CreatedAt,
            Status = status,
            PollingUrl = new Uri(origin + "v2/jobs/" + sent.JobId),
            ResultUrl = resultUrl,
            Error = status == JobStatus.Failed ? Scenario.JobFailure : null,
        };

        /// <summary>The scenario's result (or a synthetic one), carrying this job's ids, model, file name and alias, as the service's would.</summary>
        public OcrInference Result()
        {
            var pages = Scenario.Result?.Result.Pages
                ?? [OcrResultFactory.Page($"Synthetic result for {sent.FileName ?? sent.Url ?? "the document"}\nMade by Mindee.Ocr.Testing, not by OCR.")];
            return OcrResultFactory.Inference(
                pages,
                sent.JobId,
                sent.FileName ?? "document",
                sent.ModelId ?? string.Empty,
                sent.Alias,
                Scenario.Result?.File.MimeType ?? sent.ContentType ?? "application/pdf");
        }
    }
}
