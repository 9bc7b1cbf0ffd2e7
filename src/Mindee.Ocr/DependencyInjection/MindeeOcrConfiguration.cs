using System;
using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Mindee.Ocr.DependencyInjection;

/// <summary>
/// Binds a configuration section onto <see cref="MindeeOcrOptions"/> by hand: no reflection, so
/// trimming- and AOT-safe, and a value that does not parse names its key instead of being dropped.
/// Keys: ApiKey, ModelId, BaseAddress, RequestTimeout, UploadTimeout, ConnectTimeout,
/// MaxRetryAttempts, RetryBaseDelay, RetryMaxDelay, CheckFileType, and Polling:{InitialDelay,
/// FirstInterval, IntervalGrowth, MaxInterval, LongJobAfter, LongJobMaxInterval, Jitter, Timeout}.
/// </summary>
internal static class MindeeOcrConfiguration
{
    /// <summary>The section <c>AddMindeeOcr()</c> reads: <c>Mindee</c>.</summary>
    public const string DefaultSectionName = "Mindee";

    public static void Bind(IConfiguration section, MindeeOcrOptions options)
    {
        String(section, "ApiKey", v => options.ApiKey = v);
        String(section, "ModelId", v => options.ModelId = v);
        Value(section, "BaseAddress", s => Uri.TryCreate(s, UriKind.Absolute, out var u) ? u : null, v => options.BaseAddress = v!);
        Value(section, "RequestTimeout", ParseTime, v => options.RequestTimeout = v!.Value);
        Value(section, "UploadTimeout", ParseTime, v => options.UploadTimeout = v!.Value);
        Value(section, "ConnectTimeout", ParseTime, v => options.ConnectTimeout = v!.Value);
        Value(section, "RetryBaseDelay", ParseTime, v => options.RetryBaseDelay = v!.Value);
        Value(section, "RetryMaxDelay", ParseTime, v => options.RetryMaxDelay = v!.Value);
        Value(section, "MaxRetryAttempts", s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : (int?)null, v => options.MaxRetryAttempts = v!.Value);
        Value(section, "CheckFileType", s => bool.TryParse(s, out var b) ? b : (bool?)null, v => options.CheckFileType = v!.Value);

        var polling = section.GetSection("Polling");
        var p = options.Polling ??= new PollingOptions();
        Value(polling, "InitialDelay", ParseTime, v => p.InitialDelay = v!.Value, "Polling:");
        Value(polling, "FirstInterval", ParseTime, v => p.FirstInterval = v!.Value, "Polling:");
        Value(polling, "IntervalGrowth", ParseDouble, v => p.IntervalGrowth = v!.Value, "Polling:");
        Value(polling, "MaxInterval", ParseTime, v => p.MaxInterval = v!.Value, "Polling:");
        Value(polling, "LongJobAfter", ParseTime, v => p.LongJobAfter = v!.Value, "Polling:");
        Value(polling, "LongJobMaxInterval", ParseTime, v => p.LongJobMaxInterval = v!.Value, "Polling:");
        Value(polling, "Jitter", ParseDouble, v => p.Jitter = v!.Value, "Polling:");
        Value(polling, "Timeout", ParseTime, v => p.Timeout = v!.Value, "Polling:");
    }

    private static void String(IConfiguration section, string key, Action<string> set)
    {
        if (section[key] is { Length: > 0 } value)
        {
            set(value);
        }
    }

    private static void Value<T>(IConfiguration section, string key, Func<string, T?> parse, Action<T?> set, string prefix = "")
    {
        if (section[key] is not { Length: > 0 } text)
        {
            return;
        }

        var value = parse(text.Trim());
        if (value is null)
        {
            // The value itself is not echoed: a misplaced secret must not reach a log.
            throw new FormatException($"The configuration value Mindee:{prefix}{key} cannot be read as {typeof(T).Name.Replace("Nullable`1", "a value", StringComparison.Ordinal)}; " +
                "durations are written like \"00:01:40\" (hh:mm:ss), URLs as absolute URLs.");
        }

        set(value);
    }

    private static TimeSpan? ParseTime(string s) =>
        TimeSpan.TryParse(s, CultureInfo.InvariantCulture, out var t) ? t : null;

    private static double? ParseDouble(string s) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;
}
