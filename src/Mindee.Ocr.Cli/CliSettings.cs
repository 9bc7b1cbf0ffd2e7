using System;
using System.IO;

namespace Mindee.Ocr.Cli;

/// <summary>
/// The client's settings from the environment (<c>MINDEE_V2_API_KEY</c>, <c>MINDEE_V2_OCR_MODEL_ID</c>,
/// <c>MINDEE_V2_BASE_URL</c>) or <c>--api-key-file</c>, never from a key on the command line (it
/// would show in process lists and shell history). Every setting is given to the client explicitly,
/// so it never falls back on anything the tool did not read.
/// </summary>
internal static class CliSettings
{
    public static MindeeOcrOptions Resolve(CliHost host, string? apiKeyFile, string? modelId, bool modelRequired)
    {
        string? key;
        if (apiKeyFile is not null)
        {
            var path = Path.GetFullPath(apiKeyFile, host.CurrentDirectory);
            try
            {
                key = File.ReadAllText(path).Trim();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"cannot read the API key file '{apiKeyFile}' ({ErrorText.Reason(ex)}): give a readable file holding the key.", ex);
            }

            if (key.Length == 0)
            {
                throw new UsageException($"the API key file '{apiKeyFile}' is empty: put the key in it.");
            }
        }
        else
        {
            key = Read(host, MindeeOcrOptions.ApiKeyEnvironmentVariable)
                ?? throw new UsageException($"no API key: set {MindeeOcrOptions.ApiKeyEnvironmentVariable}, or pass --api-key-file FILE.");
        }

        var model = string.IsNullOrWhiteSpace(modelId) ? Read(host, MindeeOcrOptions.ModelIdEnvironmentVariable) : modelId.Trim();
        if (model is null && modelRequired)
        {
            throw new UsageException($"no model id: set {MindeeOcrOptions.ModelIdEnvironmentVariable}, or pass --model ID.");
        }

        var baseAddress = MindeeOcrOptions.DefaultBaseAddress;
        if (Read(host, MindeeOcrOptions.BaseAddressEnvironmentVariable) is { } url)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var parsed) || (parsed.Scheme != Uri.UriSchemeHttps && parsed.Scheme != Uri.UriSchemeHttp))
            {
                throw new UsageException($"{MindeeOcrOptions.BaseAddressEnvironmentVariable} is '{url}', not an absolute URL: set it to one such as {MindeeOcrOptions.DefaultBaseAddress}, or unset it.");
            }

            baseAddress = parsed;
        }

        return new MindeeOcrOptions { ApiKey = key, ModelId = model, BaseAddress = baseAddress };
    }

    public static IMindeeOcrClient CreateClient(CliHost host, MindeeOcrOptions options)
    {
        try
        {
            return host.ClientFactory is { } factory ? factory(options) : new MindeeOcrClient(options);
        }
        catch (ArgumentException ex)
        {
            throw new UsageException(ErrorText.OneLine(ex.Message), ex);
        }
    }

    private static string? Read(CliHost host, string name) =>
        host.GetEnvironmentVariable(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
