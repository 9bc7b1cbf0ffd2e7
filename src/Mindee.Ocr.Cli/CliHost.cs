using System;
using System.IO;

namespace Mindee.Ocr.Cli;

/// <summary>
/// What the tool talks to: its standard streams, its environment and working directory, and
/// whether a person watches standard error. <see cref="Program"/> gives the real ones; tests give
/// their own and run the commands in process.
/// </summary>
internal sealed class CliHost
{
    /// <summary>Where exports go (bytes: the formats are written as UTF-8), and help and version text.</summary>
    public required Stream StandardOutput { get; init; }

    /// <summary>Where progress, failures and usage errors go.</summary>
    public required TextWriter StandardError { get; init; }

    /// <summary>Reads an environment variable; null when unset.</summary>
    public required Func<string, string?> GetEnvironmentVariable { get; init; }

    /// <summary>The directory relative paths and globs start from.</summary>
    public string CurrentDirectory { get; init; } = Environment.CurrentDirectory;

    /// <summary>Whether standard error is a terminal a person watches: the live progress display is shown there only.</summary>
    public bool IsInteractive { get; init; }

    /// <summary>
    /// Builds the client from the options the tool resolved; null for the standalone
    /// <see cref="MindeeOcrClient"/>. Tests pass a client over the test kit's fake service here.
    /// </summary>
    public Func<MindeeOcrOptions, IMindeeOcrClient>? ClientFactory { get; init; }

    /// <summary>The clock of the progress display's rates; the system clock unless a test gives its own.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The host of a real run: the process's console and environment.</summary>
    /// <returns>The host.</returns>
    public static CliHost FromConsole() => new()
    {
        StandardOutput = Console.OpenStandardOutput(),
        StandardError = Console.Error,
        GetEnvironmentVariable = Environment.GetEnvironmentVariable,
        IsInteractive = !Console.IsErrorRedirected
            && !string.Equals(Environment.GetEnvironmentVariable("TERM"), "dumb", StringComparison.Ordinal)
            && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")),
    };
}
