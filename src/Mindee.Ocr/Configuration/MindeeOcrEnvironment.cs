using System;

namespace Mindee.Ocr.Configuration;

/// <summary>
/// The environment variables the client falls back on. This is the one place they are read, when a
/// client is built or its options are validated: never by the options themselves.
/// </summary>
/// <param name="ApiKey">The value of <c>MINDEE_V2_API_KEY</c>, trimmed; null when unset or blank.</param>
/// <param name="ModelId">The value of <c>MINDEE_V2_OCR_MODEL_ID</c>, trimmed; null when unset or blank.</param>
/// <param name="BaseUrl">The value of <c>MINDEE_V2_BASE_URL</c>, trimmed; null when unset or blank.</param>
internal sealed record MindeeOcrEnvironment(string? ApiKey, string? ModelId, string? BaseUrl)
{
    public static MindeeOcrEnvironment Read() => new(
        Normalize(Environment.GetEnvironmentVariable(MindeeOcrOptions.ApiKeyEnvironmentVariable)),
        Normalize(Environment.GetEnvironmentVariable(MindeeOcrOptions.ModelIdEnvironmentVariable)),
        Normalize(Environment.GetEnvironmentVariable(MindeeOcrOptions.BaseAddressEnvironmentVariable)));

    /// <summary>Never shows the key.</summary>
    public override string ToString() =>
        $"{MindeeOcrOptions.ApiKeyEnvironmentVariable}={(ApiKey is null ? "(unset)" : "[redacted]")}, {MindeeOcrOptions.ModelIdEnvironmentVariable}={ModelId ?? "(unset)"}, {MindeeOcrOptions.BaseAddressEnvironmentVariable}={BaseUrl ?? "(unset)"}";

    internal static string? Normalize(string? value) => value is null || string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
