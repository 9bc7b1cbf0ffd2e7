// Mindee.Ocr many processes, one budget: a batch whose rate limiters live in Redis, so every
// process that runs it with the same API key (on one machine or many) shares the service's one
// per-organisation budget (200 enqueues and 1,200 other requests a minute) instead of each
// assuming it has the whole of it.
//
//   dotnet run --project samples/Mindee.Ocr.RedisBatch -- localhost:6379 'invoices/*.pdf'
//   dotnet run --project samples/Mindee.Ocr.RedisBatch -- localhost:6379 --synthetic 50 --prefix run1
//
// Reads MINDEE_V2_API_KEY, MINDEE_V2_OCR_MODEL_ID and MINDEE_V2_BASE_URL as the client does.
// Prints one JSON line at the end: {"succeeded":…,"failed":…,"skipped":…,"errors":[…]}.
// See README.md beside this file for why the limiters are RedisRateLimiting's sliding windows.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.RateLimiting;
using Mindee.Ocr;
using RedisRateLimiting;
using StackExchange.Redis;

Settings settings;
try
{
    settings = Settings.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    Console.Error.WriteLine(Settings.Usage);
    return 2;
}

var apiKey = Environment.GetEnvironmentVariable(MindeeOcrOptions.ApiKeyEnvironmentVariable);
if (string.IsNullOrWhiteSpace(apiKey) || string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(MindeeOcrOptions.ModelIdEnvironmentVariable)))
{
    Console.Error.WriteLine($"error: set {MindeeOcrOptions.ApiKeyEnvironmentVariable} and {MindeeOcrOptions.ModelIdEnvironmentVariable} (and {MindeeOcrOptions.BaseAddressEnvironmentVariable} for another address).");
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true; // uploads under way finish and are journaled; nothing new starts
    stop.Cancel();
};

var watch = Stopwatch.StartNew();
int succeeded = 0, failed = 0, skipped = 0;
var errors = new List<string>();
try
{
    await using var redis = await ConnectionMultiplexer.ConnectAsync(settings.Redis);

    // One budget per organisation: every process that names the same budget shares it. By default
    // it is named after the API key (hashed: the key itself never reaches Redis).
    var budget = settings.Budget ?? "mindee-ocr:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)))[..16];

    // Sliding windows, not token buckets: see README.md. They refuse a lease at once (no queue) and
    // give no RetryAfter; the batch asks a refused limiter again after a short backoff.
    using RateLimiter enqueues = new RedisSlidingWindowRateLimiter<string>(budget + ":enqueues", new RedisSlidingWindowRateLimiterOptions
    {
        ConnectionMultiplexerFactory = () => redis,
        PermitLimit = settings.EnqueuesPerWindow,
        Window = settings.Window,
    });
    using RateLimiter requests = new RedisSlidingWindowRateLimiter<string>(budget + ":requests", new RedisSlidingWindowRateLimiterOptions
    {
        ConnectionMultiplexerFactory = () => redis,
        PermitLimit = settings.RequestsPerWindow,
        Window = settings.Window,
    });

    var client = new MindeeOcrClient(new MindeeOcrOptions()); // key, model and address from the environment
    using var journal = settings.Journal is null ? null : OcrBatchJournal.Open(settings.Journal);
    var options = new OcrBatchOptions
    {
        EnqueueRateLimiter = enqueues,
        RequestRateLimiter = requests,
        MaxConcurrency = settings.Concurrency,
        Journal = journal,
    };

    await foreach (var item in client.ProcessManyAsync(settings.Inputs(), options, stop.Token))
    {
        switch (item.Status)
        {
            case OcrBatchItemStatus.Succeeded:
                succeeded++;
                break;
            case OcrBatchItemStatus.Skipped:
                skipped++;
                break;
            default:
                failed++;
                if (errors.Count < 5)
                {
                    errors.Add($"{item.Key}: {item.Error?.Message}");
                }

                break;
        }
    }
}
catch (Exception ex) when (ex is RedisConnectionException or MindeeOcrException or ArgumentException or IOException or OperationCanceledException)
{
    failed++;
    errors.Insert(0, ex.Message);
}

Console.WriteLine(Summary(succeeded, failed, skipped, watch.Elapsed, errors));
return failed == 0 ? 0 : 1;

static string Summary(int succeeded, int failed, int skipped, TimeSpan elapsed, List<string> errors)
{
    using var buffer = new MemoryStream();
    using (var json = new Utf8JsonWriter(buffer))
    {
        json.WriteStartObject();
        json.WriteNumber("succeeded", succeeded);
        json.WriteNumber("failed", failed);
        json.WriteNumber("skipped", skipped);
        json.WriteNumber("seconds", Math.Round(elapsed.TotalSeconds, 1));
        json.WriteStartArray("errors");
        foreach (var error in errors.Take(5))
        {
            json.WriteStringValue(error);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    return Encoding.UTF8.GetString(buffer.ToArray());
}

/// <summary>The command line.</summary>
internal sealed class Settings
{
    public const string Usage = """
        usage: Mindee.Ocr.RedisBatch <redis> (<file|dir|dir/*.pdf>... | --synthetic N --prefix P) [options]
          <redis>                 a StackExchange.Redis connection string, such as localhost:6379
          --synthetic N           send N generated one-page PDFs named P-000.pdf, P-001.pdf, …
          --prefix P              their name prefix (default: doc)
          --enqueues N            enqueues allowed per window, for all processes together (default 200)
          --requests N            other requests allowed per window, all processes together (default 1200)
          --window SECONDS        the limits' sliding window (default 61: the service's minute and a second)
          --concurrency N         documents in flight in this process (default 100)
          --budget NAME           the Redis key the processes share (default: from a hash of the API key)
          --journal PATH          resume from, and record to, this journal file
        """;

    public required string Redis { get; init; }

    public List<string> Paths { get; } = [];

    public int? Synthetic { get; private set; }

    public string Prefix { get; private set; } = "doc";

    public int EnqueuesPerWindow { get; private set; } = 200;

    public int RequestsPerWindow { get; private set; } = 1200;

    // A second more than the service's minute: Redis counts an enqueue when its lease is taken, the
    // service when the request arrives, a little later; a permit that Redis frees just before the
    // service does would draw a 429 (which the batch survives, holding its enqueues for a while).
    public TimeSpan Window { get; private set; } = TimeSpan.FromSeconds(61);

    public int Concurrency { get; private set; } = OcrBatchOptions.DefaultMaxConcurrency;

    public string? Budget { get; private set; }

    public string? Journal { get; private set; }

    public static Settings Parse(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith("--", StringComparison.Ordinal))
        {
            throw new ArgumentException("the first argument is the Redis connection string.");
        }

        var settings = new Settings { Redis = args[0] };
        for (int i = 1; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int Count(int min) => int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= min
                ? n
                : throw new ArgumentException($"{args[i - 1]} takes a whole number from {min}.");
            switch (args[i])
            {
                case "--synthetic": settings.Synthetic = Count(0); break;
                case "--prefix": settings.Prefix = Value(); break;
                case "--enqueues": settings.EnqueuesPerWindow = Count(1); break;
                case "--requests": settings.RequestsPerWindow = Count(1); break;
                case "--concurrency": settings.Concurrency = Count(1); break;
                case "--budget": settings.Budget = Value(); break;
                case "--journal": settings.Journal = Value(); break;
                case "--window":
                    settings.Window = double.TryParse(Value(), NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) && seconds > 0
                        ? TimeSpan.FromSeconds(seconds)
                        : throw new ArgumentException("--window takes a number of seconds above 0.");
                    break;
                default:
                    if (args[i].StartsWith("--", StringComparison.Ordinal))
                    {
                        throw new ArgumentException($"unknown option {args[i]}.");
                    }

                    settings.Paths.Add(args[i]);
                    break;
            }
        }

        if ((settings.Synthetic is null) == (settings.Paths.Count == 0))
        {
            throw new ArgumentException("give files (or a directory, or dir/*.pdf) or --synthetic N, not both.");
        }

        return settings;
    }

    /// <summary>The documents, listed lazily: a folder of a million files is not listed up front.</summary>
    public IEnumerable<OcrInput> Inputs()
    {
        if (Synthetic is { } count)
        {
            for (int i = 0; i < count; i++)
            {
                var name = $"{Prefix}-{i:D3}.pdf";
                yield return OcrInput.FromBytes(TinyPdf(name), name);
            }

            yield break;
        }

        foreach (var path in Paths)
        {
            if (Directory.Exists(path))
            {
                foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories))
                {
                    yield return OcrInput.FromFile(file);
                }
            }
            else if (Path.GetFileName(path).IndexOfAny(['*', '?']) >= 0)
            {
                var folder = Path.GetDirectoryName(path) is { Length: > 0 } dir ? dir : ".";
                foreach (var file in Directory.EnumerateFiles(folder, Path.GetFileName(path)))
                {
                    yield return OcrInput.FromFile(file);
                }
            }
            else
            {
                yield return OcrInput.FromFile(path); // a missing file is a failed item, not the end of the batch
            }
        }
    }

    /// <summary>A valid one-page PDF that says its own name.</summary>
    private static byte[] TinyPdf(string text)
    {
        var content = $"BT /F1 18 Tf 72 720 Td ({text}) Tj ET";
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            $"<< /Length {content.Length} >>\nstream\n{content}\nendstream",
        ];
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (int i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        int xref = pdf.Length;
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }
}
