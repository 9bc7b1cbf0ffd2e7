using System;

namespace Mindee.Ocr.Http;

/// <summary>
/// The client's settings, resolved once (options, then environment variables, then defaults)
/// and checked, so nothing is sent with invalid settings and later changes to the options
/// object do not reach a built client.
/// </summary>
internal sealed class ClientSettings
{
    private ClientSettings(MindeeOcrOptions options, string apiKey, Uri baseAddress)
    {
        ApiKey = apiKey;
        BaseAddress = baseAddress;
        DefaultModelId = Normalize(options.ModelId) ?? Normalize(Environment.GetEnvironmentVariable(MindeeOcrOptions.ModelIdEnvironmentVariable));
        RequestTimeout = options.RequestTimeout;
        UploadTimeout = options.UploadTimeout;
        MaxRetryAttempts = options.MaxRetryAttempts;
        RetryBaseDelay = options.RetryBaseDelay;
        RetryMaxDelay = options.RetryMaxDelay;
        CheckFileType = options.CheckFileType;
        Polling = PollingSchedule.From(options.Polling);
    }

    public string ApiKey { get; }

    /// <summary>The base address, ending in '/', so relative paths resolve under it.</summary>
    public Uri BaseAddress { get; }

    public string? DefaultModelId { get; }

    public TimeSpan RequestTimeout { get; }

    public TimeSpan UploadTimeout { get; }

    public int MaxRetryAttempts { get; }

    public TimeSpan RetryBaseDelay { get; }

    public TimeSpan RetryMaxDelay { get; }

    public bool CheckFileType { get; }

    public PollingSchedule Polling { get; }

    /// <summary>Resolves and checks <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">A setting is missing or invalid; the message names it and its environment variable.</exception>
    public static ClientSettings Resolve(MindeeOcrOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var error = Validate(options);
        if (error is not null)
        {
            throw new ArgumentException(error, nameof(options));
        }

        var apiKey = Normalize(options.ApiKey) ?? Normalize(Environment.GetEnvironmentVariable(MindeeOcrOptions.ApiKeyEnvironmentVariable))!;
        return new ClientSettings(options, apiKey, WithTrailingSlash(options.BaseAddress));
    }

    /// <summary>The first problem with <paramref name="options"/>, or null when they are valid.</summary>
    public static string? Validate(MindeeOcrOptions options)
    {
        var apiKey = Normalize(options.ApiKey) ?? Normalize(Environment.GetEnvironmentVariable(MindeeOcrOptions.ApiKeyEnvironmentVariable));
        if (apiKey is null)
        {
            return $"MindeeOcrOptions.ApiKey is not set, and the environment variable {MindeeOcrOptions.ApiKeyEnvironmentVariable} is empty: set one of them to your Mindee API key.";
        }

        foreach (var c in apiKey)
        {
            if (c < 0x21 || c > 0x7E)
            {
                // The key itself is never echoed.
                return $"MindeeOcrOptions.ApiKey (or {MindeeOcrOptions.ApiKeyEnvironmentVariable}) contains a space, a line break or a non-ASCII character; an API key cannot, so it was probably pasted wrongly.";
            }
        }

        var baseError = OriginPolicy.CheckBaseAddress(options.BaseAddress);
        if (baseError is not null)
        {
            return baseError;
        }

        if (options.Polling is null)
        {
            return "MindeeOcrOptions.Polling is null; leave it at its default or set it to a PollingOptions.";
        }

        return Positive(options.RequestTimeout, nameof(MindeeOcrOptions.RequestTimeout))
            ?? Positive(options.UploadTimeout, nameof(MindeeOcrOptions.UploadTimeout))
            ?? Positive(options.ConnectTimeout, nameof(MindeeOcrOptions.ConnectTimeout))
            ?? Positive(options.RetryBaseDelay, nameof(MindeeOcrOptions.RetryBaseDelay))
            ?? Positive(options.RetryMaxDelay, nameof(MindeeOcrOptions.RetryMaxDelay))
            ?? (options.MaxRetryAttempts < 0 ? $"MindeeOcrOptions.MaxRetryAttempts is {options.MaxRetryAttempts}; it must be 0 or more." : null)
            ?? PollingSchedule.Validate(options.Polling);
    }

    private static string? Positive(TimeSpan value, string name) =>
        value > TimeSpan.Zero && value != System.Threading.Timeout.InfiniteTimeSpan
            ? null
            : $"MindeeOcrOptions.{name} is {value}; it must be a positive duration.";

    private static string? Normalize(string? value) => value is null || string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static Uri WithTrailingSlash(Uri uri) =>
        uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri.GetLeftPart(UriPartial.Path) + "/");
}
