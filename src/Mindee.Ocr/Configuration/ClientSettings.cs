using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using Mindee.Ocr.Http;
using Mindee.Ocr.Polling;
using Mindee.Ocr.Serialization;

namespace Mindee.Ocr.Configuration;

/// <summary>A setting that is missing or invalid: its configuration key (such as <c>Polling:Jitter</c>) and what is wrong.</summary>
internal readonly record struct SettingError(string Key, string Message);

/// <summary>
/// The client's settings, resolved once (options, then environment variables, then defaults) and
/// checked, so nothing is sent with invalid settings and later changes to the options object do
/// not reach a built client. Every problem is reported at once, not the first one only.
/// </summary>
internal sealed class ClientSettings
{
    /// <summary>
    /// The longest duration any setting may hold: a day. Results are kept a day at most, so no wait,
    /// timeout or delay needs more, and every timer the client starts stays well within what timers take.
    /// </summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(1);

    private static readonly Func<double> SharedRandom = () => System.Random.Shared.NextDouble();

    private ClientSettings(MindeeOcrOptions options, string apiKey, Uri baseAddress, string? defaultModelId)
    {
        ApiKey = apiKey;
        BaseAddress = baseAddress;
        DefaultModelId = defaultModelId;
        RequestTimeout = options.RequestTimeout;
        UploadTimeout = options.UploadTimeout;
        ConnectTimeout = options.ConnectTimeout;
        MaxRetryAttempts = options.MaxRetryAttempts;
        RetryBaseDelay = options.RetryBaseDelay;
        RetryMaxDelay = options.RetryMaxDelay;
        CheckFileType = options.CheckFileType;
        MaxResponseBytes = options.MaxResponseBytes;
        Proxy = options.Proxy;
        Random = options.Randomizer ?? SharedRandom;
        Polling = PollingSchedule.From(options.Polling);
    }

    public string ApiKey { get; }

    /// <summary>The base address, ending in '/', so relative paths resolve under it.</summary>
    public Uri BaseAddress { get; }

    public string? DefaultModelId { get; }

    public TimeSpan RequestTimeout { get; }

    public TimeSpan UploadTimeout { get; }

    public TimeSpan ConnectTimeout { get; }

    public int MaxRetryAttempts { get; }

    public TimeSpan RetryBaseDelay { get; }

    public TimeSpan RetryMaxDelay { get; }

    public bool CheckFileType { get; }

    public long MaxResponseBytes { get; }

    public IWebProxy? Proxy { get; }

    /// <summary>A number in [0, 1) per call: the jitter of retries and polls.</summary>
    public Func<double> Random { get; }

    public PollingSchedule Polling { get; }

    /// <summary>Resolves and checks <paramref name="options"/> against <paramref name="environment"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">Settings are missing or invalid; the message names each, and its environment variable.</exception>
    public static ClientSettings Resolve(MindeeOcrOptions options, MindeeOcrEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = Validate(options, environment);
        if (errors.Count > 0)
        {
            var messages = new string[errors.Count];
            for (int i = 0; i < errors.Count; i++)
            {
                messages[i] = errors[i].Message;
            }

            throw new ArgumentException(string.Join(" ", messages), nameof(options));
        }

        return new ClientSettings(options, (Normalize(options.ApiKey) ?? environment.ApiKey)!, WithTrailingSlash(ResolveBaseAddress(options, environment)), Normalize(options.ModelId) ?? environment.ModelId);
    }

    /// <summary>Every problem with <paramref name="options"/>; empty when they are valid.</summary>
    public static IReadOnlyList<SettingError> Validate(MindeeOcrOptions options, MindeeOcrEnvironment environment)
    {
        var errors = new List<SettingError>();
        CheckApiKey(options, environment, errors);
        CheckBaseAddress(options, environment, errors);
        Positive(options.RequestTimeout, nameof(MindeeOcrOptions.RequestTimeout), errors);
        Positive(options.UploadTimeout, nameof(MindeeOcrOptions.UploadTimeout), errors);
        Positive(options.ConnectTimeout, nameof(MindeeOcrOptions.ConnectTimeout), errors);
        Positive(options.RetryBaseDelay, nameof(MindeeOcrOptions.RetryBaseDelay), errors);
        Positive(options.RetryMaxDelay, nameof(MindeeOcrOptions.RetryMaxDelay), errors);
        if (options.MaxRetryAttempts is < 0 or > 100)
        {
            errors.Add(new(nameof(MindeeOcrOptions.MaxRetryAttempts), $"MindeeOcrOptions.MaxRetryAttempts is {options.MaxRetryAttempts}; it must be between 0 and 100."));
        }

        if (options.MaxResponseBytes is < 1024 or >= Utf8Body.MaxLength)
        {
            errors.Add(new(nameof(MindeeOcrOptions.MaxResponseBytes), string.Format(
                CultureInfo.InvariantCulture, "MindeeOcrOptions.MaxResponseBytes is {0}; it must be between 1,024 and {1:N0} bytes.", options.MaxResponseBytes, Utf8Body.MaxLength - 1)));
        }

        if (options.Polling is null)
        {
            errors.Add(new(nameof(MindeeOcrOptions.Polling), "MindeeOcrOptions.Polling is null; leave it at its default or set it to a PollingOptions."));
        }
        else
        {
            PollingSchedule.Validate(options.Polling, errors);
        }

        return errors;
    }

    /// <summary>Never shows the key.</summary>
    public override string ToString() => $"Mindee OCR client settings for {BaseAddress} (API key [redacted])";

    private static void CheckApiKey(MindeeOcrOptions options, MindeeOcrEnvironment environment, List<SettingError> errors)
    {
        var fromOptions = Normalize(options.ApiKey);
        var apiKey = fromOptions ?? environment.ApiKey;
        if (apiKey is null)
        {
            errors.Add(new(nameof(MindeeOcrOptions.ApiKey), $"MindeeOcrOptions.ApiKey is not set, and the environment variable {MindeeOcrOptions.ApiKeyEnvironmentVariable} is empty: set one of them to your Mindee API key."));
            return;
        }

        foreach (var c in apiKey)
        {
            if (c < 0x21 || c > 0x7E)
            {
                // The key itself is never echoed.
                var source = fromOptions is null ? $"The environment variable {MindeeOcrOptions.ApiKeyEnvironmentVariable}" : $"MindeeOcrOptions.ApiKey (or {MindeeOcrOptions.ApiKeyEnvironmentVariable})";
                errors.Add(new(nameof(MindeeOcrOptions.ApiKey), $"{source} contains a space, a line break or a non-ASCII character; an API key cannot, so it was probably pasted wrongly."));
                return;
            }
        }
    }

    private static void CheckBaseAddress(MindeeOcrOptions options, MindeeOcrEnvironment environment, List<SettingError> errors)
    {
        const string Key = nameof(MindeeOcrOptions.BaseAddress);
        if (options.BaseAddress is { } configured)
        {
            if (OriginPolicy.CheckBaseAddress(configured) is { } reason)
            {
                errors.Add(new(Key, $"MindeeOcrOptions.BaseAddress (or {MindeeOcrOptions.BaseAddressEnvironmentVariable}) is '{OriginPolicy.Display(configured)}': {reason}."));
            }

            return;
        }

        if (environment.BaseUrl is not { } raw)
        {
            return;
        }

        // Never a silent fall back to the production address: the key would go there.
        var problem = Uri.TryCreate(raw, UriKind.Absolute, out var parsed)
            ? OriginPolicy.CheckBaseAddress(parsed)
            : "it is not an absolute URL";
        if (problem is not null)
        {
            var shown = parsed is null ? DisplayUnparsed(raw, Normalize(options.ApiKey) ?? environment.ApiKey) : OriginPolicy.Display(parsed);
            errors.Add(new(Key, $"The environment variable {MindeeOcrOptions.BaseAddressEnvironmentVariable} is '{shown}': {problem}. Set it to the service's address, such as {MindeeOcrOptions.DefaultBaseAddress}, or remove it; nothing was sent."));
        }
    }

    /// <summary>
    /// A value that is not even a URL, for a message: shown (the user must see what is wrong), but
    /// never with credentials before an '@', and never when it is the API key (variables swapped).
    /// </summary>
    private static string DisplayUnparsed(string raw, string? apiKey)
    {
        if (apiKey is not null && raw.Contains(apiKey, StringComparison.Ordinal))
        {
            return raw.Replace(apiKey, "[redacted]", StringComparison.Ordinal);
        }

        int at = raw.LastIndexOf('@');
        if (at < 0)
        {
            return raw;
        }

        int scheme = raw.IndexOf("://", StringComparison.Ordinal);
        int start = scheme >= 0 && scheme < at ? scheme + 3 : 0;
        return raw[..start] + "[credentials]" + raw[at..];
    }

    private static Uri ResolveBaseAddress(MindeeOcrOptions options, MindeeOcrEnvironment environment) =>
        options.BaseAddress
        ?? (environment.BaseUrl is { } raw ? new Uri(raw, UriKind.Absolute) : null)
        ?? MindeeOcrOptions.DefaultBaseAddress;

    private static void Positive(TimeSpan value, string name, List<SettingError> errors)
    {
        if (value <= TimeSpan.Zero || value > MaxDuration)
        {
            errors.Add(new(name, $"MindeeOcrOptions.{name} is {value}; it must be a positive duration of at most a day."));
        }
    }

    private static string? Normalize(string? value) => MindeeOcrEnvironment.Normalize(value);

    private static Uri WithTrailingSlash(Uri uri) =>
        uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri.GetLeftPart(UriPartial.Path) + "/");
}
