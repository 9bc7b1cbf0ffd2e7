using System;
using System.Net;

namespace Mindee.Ocr;

/// <summary>
/// Settings of a <see cref="MindeeOcrClient"/>. The client copies them when it is built, so
/// changing an options object afterwards does not change a client made from it.
/// Precedence: values set here (or bound from configuration) &gt; environment variables &gt; defaults;
/// the environment is read when a client is built, not by this class.
/// </summary>
public sealed class MindeeOcrOptions
{
    /// <summary>The environment variable read when <see cref="ApiKey"/> is not set: <c>MINDEE_V2_API_KEY</c>.</summary>
    public const string ApiKeyEnvironmentVariable = "MINDEE_V2_API_KEY";

    /// <summary>The environment variable read when <see cref="ModelId"/> is not set: <c>MINDEE_V2_OCR_MODEL_ID</c>.</summary>
    public const string ModelIdEnvironmentVariable = "MINDEE_V2_OCR_MODEL_ID";

    /// <summary>The environment variable read for <see cref="BaseAddress"/>: <c>MINDEE_V2_BASE_URL</c>.</summary>
    public const string BaseAddressEnvironmentVariable = "MINDEE_V2_BASE_URL";

    /// <summary>The service's address, used when neither the options nor the environment name one.</summary>
    public static readonly Uri DefaultBaseAddress = new("https://api-v2.mindee.net/");

    /// <summary>
    /// The API key, sent as the raw <c>Authorization</c> header to <see cref="BaseAddress"/> and
    /// nowhere else. When null, <c>MINDEE_V2_API_KEY</c> is read. Never logged, never in a message.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// The OCR model of the account. When null, <c>MINDEE_V2_OCR_MODEL_ID</c> is read;
    /// <see cref="EnqueueOptions.ModelId"/> overrides it for one call.
    /// </summary>
    public string? ModelId { get; set; }

    /// <summary>
    /// The service's address (scheme, host and port: the only origin the API key is sent to).
    /// When null, <c>MINDEE_V2_BASE_URL</c> is read, else <see cref="DefaultBaseAddress"/> is used.
    /// HTTPS is required, except on loopback for local testing.
    /// </summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>How <see cref="IMindeeOcrClient.WaitForResultAsync(string, WaitOptions?, System.Threading.CancellationToken)"/> polls, and how long it waits at most.</summary>
    public PollingOptions Polling { get; set; } = new();

    /// <summary>The time allowed for one request other than an upload, until its body is read. Default 100 s; every duration here is at most a day.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>
    /// The time allowed for one enqueue request, upload included. Default 15 minutes: enough for
    /// 100 MB at about 1 Mbit/s.
    /// </summary>
    public TimeSpan UploadTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How many times a failed request that is safe to repeat is tried again. Default 3; 0 turns retries off.</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>The first retry's delay; each next one doubles, with jitter. Default 1 s.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest delay between two tries, unless the service's <c>Retry-After</c> asks for more. Default 30 s.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Whether the client checks a document's first bytes and refuses a type the service does not
    /// take (PDF, JPEG, PNG, WebP, TIFF, HEIC and HEIF are taken) before sending it. Default true.
    /// </summary>
    public bool CheckFileType { get; set; } = true;

    /// <summary>
    /// A proxy for the handler the standalone constructor builds; null uses the system's proxy
    /// settings. With dependency injection, configure the primary handler instead.
    /// </summary>
    public IWebProxy? Proxy { get; set; }

    /// <summary>The time allowed to open a connection, for the handlers the library builds. Default 15 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The largest answer the client reads (after decompression); past it the call fails with
    /// <see cref="MindeeOcrFailureKind.ResponseTooLarge"/> and nothing more is read, so a huge or
    /// endless answer costs at most about this much memory (1.5 times it at the moment the read
    /// buffer last doubles). Default 256 MiB: the service takes documents of up to 200 pages, and a
    /// dense page (about 1,500 words) reads as about 0.8 MB of JSON, so the largest real results
    /// stay well under it.
    /// </summary>
    public long MaxResponseBytes { get; set; } = DefaultMaxResponseBytes;

    /// <summary>The default of <see cref="MaxResponseBytes"/>: 256 MiB.</summary>
    public const long DefaultMaxResponseBytes = 256L * 1024 * 1024;

    /// <summary>
    /// The source of the retry and polling jitter, a number in [0, 1) per call (as Polly's
    /// <c>Randomizer</c>); null for a shared random generator. Tests pin it to assert exact delays.
    /// </summary>
    internal Func<double>? Randomizer { get; set; }
}
