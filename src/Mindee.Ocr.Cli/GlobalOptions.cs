using System;
using System.CommandLine;
using System.Linq;

namespace Mindee.Ocr.Cli;

/// <summary>The options every command takes, and the <c>--format</c> option the commands that export share.</summary>
internal sealed class GlobalOptions
{
    public Option<string?> ApiKeyFile { get; } = new("--api-key-file")
    {
        Description = "Read the API key from this file instead of MINDEE_V2_API_KEY (a key is never taken on the command line: it would show in process lists).",
        HelpName = "FILE",
        Recursive = true,
    };

    public Option<bool> Verbose { get; } = new("--verbose")
    {
        Description = "Show the full exception, stack trace included, with each error.",
        Recursive = true,
    };

    public Option<bool> Quiet { get; } = new("--quiet", "-q")
    {
        Description = "No progress on standard error; errors only.",
        Recursive = true,
    };

    public static Option<OcrExportFormat> Format() => new("--format", "-f")
    {
        Description = "The export format: text (the default), tsv (Tesseract), hocr, alto (ALTO v4 XML) or json (the service's).",
        HelpName = "text|tsv|hocr|alto|json",
        CustomParser = result =>
        {
            var token = result.Tokens.Count == 0 ? string.Empty : result.Tokens[^1].Value;
            if (Enum.TryParse<OcrExportFormat>(token, ignoreCase: true, out var format) && Enum.IsDefined(format) && !int.TryParse(token, out _))
            {
                return format;
            }

            result.AddError($"'{token}' is not a format: use one of {string.Join(", ", Enum.GetNames<OcrExportFormat>().Select(n => n.ToLowerInvariant()))}");
            return default;
        },
    };

    public void AddTo(RootCommand root)
    {
        root.Options.Add(ApiKeyFile);
        root.Options.Add(Verbose);
        root.Options.Add(Quiet);
    }

    public CliOutput Output(ParseResult parse, CliHost host) =>
        new(host.StandardError, parse.GetValue(Verbose), parse.GetValue(Quiet));
}
