using System;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace Mindee.Ocr.Configuration;

/// <summary>
/// Binds a configuration section onto <see cref="MindeeOcrOptions"/> with the configuration
/// binding source generator (no reflection: trimming- and AOT-safe). Keys are the options'
/// property names: ApiKey, ModelId, BaseAddress, RequestTimeout, UploadTimeout, ConnectTimeout,
/// MaxRetryAttempts, RetryBaseDelay, RetryMaxDelay, CheckFileType, MaxResponseBytes, and
/// Polling:{InitialDelay, FirstInterval, IntervalGrowth, MaxInterval, LongJobAfter,
/// LongJobMaxInterval, Jitter, Timeout}. <see cref="MindeeOcrOptions.Proxy"/> is set in code only.
/// </summary>
internal static partial class MindeeOcrConfigurationBinding
{
    /// <summary>The section <c>AddMindeeOcr()</c> reads: <c>Mindee</c>.</summary>
    public const string DefaultSectionName = "Mindee";

    /// <summary>Binds <paramref name="section"/> onto <paramref name="options"/>.</summary>
    /// <exception cref="InvalidOperationException">
    /// A value does not parse; the message names its full key (such as <c>Ocr:RequestTimeout</c>) but
    /// not the value, which may be a misplaced secret.
    /// </exception>
    public static void Bind(IConfiguration section, MindeeOcrOptions options)
    {
        try
        {
            section.Bind(options);
        }
        catch (InvalidOperationException ex)
        {
            // The generated binder's message quotes the value; a misplaced secret must not reach a
            // log, so the message is rebuilt from the key and the type alone, and the cause dropped.
            var match = FailedConversion().Match(ex.Message);
            throw new InvalidOperationException(match.Success
                ? $"The configuration value at '{match.Groups["path"].Value}' cannot be read as {Describe(match.Groups["type"].Value)}."
                : $"A value of the configuration section '{(section as IConfigurationSection)?.Path}' cannot be read as the Mindee OCR setting it is bound to.");
        }
    }

    /// <summary>The full key of <paramref name="key"/> (such as <c>Polling:Jitter</c>) in <paramref name="section"/>, when the section sets it.</summary>
    public static string? SourceOf(IConfiguration section, string key)
    {
        if (section[key] is null)
        {
            return null;
        }

        var path = (section as IConfigurationSection)?.Path;
        return string.IsNullOrEmpty(path) ? key : path + ":" + key;
    }

    private static string Describe(string type) => type switch
    {
        "System.TimeSpan" => "a duration, written like \"00:01:40\" (hh:mm:ss)",
        "System.Int32" or "System.Int64" => "a whole number",
        "System.Double" => "a number, written like \"1.5\"",
        "System.Boolean" => "true or false",
        "System.Uri" => "an absolute URL",
        _ => type,
    };

#if NET7_0_OR_GREATER
    [GeneratedRegex(@"at '(?<path>[^']*)' to type '(?<type>[^']*)'\.?$", RegexOptions.CultureInvariant)]
    private static partial Regex FailedConversion();
#else
    private static readonly Regex FailedConversionRegex = new(@"at '(?<path>[^']*)' to type '(?<type>[^']*)'\.?$", RegexOptions.CultureInvariant);

    private static Regex FailedConversion() => FailedConversionRegex;
#endif
}
