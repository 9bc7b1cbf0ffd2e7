using System;
using System.IO;
using System.Threading;

namespace Mindee.Ocr.Cli;

/// <summary>
/// Standard error as the commands use it: one line per message, the API key never written (were a
/// message ever to hold it), and stack traces only with <c>--verbose</c>. Thread-safe.
/// </summary>
internal sealed class CliOutput(TextWriter error, bool verbose, bool quiet)
{
    private readonly Lock _writing = new();
    private string? _secret;

    public bool Verbose { get; } = verbose;

    public bool Quiet { get; } = quiet;

    public TextWriter Writer => error;

    /// <summary>From now on, this text is replaced by <c>[redacted]</c> in everything written.</summary>
    public void Redact(string secret)
    {
        if (secret.Length >= 4)
        {
            _secret = secret;
        }
    }

    public void Line(string text)
    {
        lock (_writing)
        {
            error.WriteLine(Clean(text));
            error.Flush();
        }
    }

    public void Error(string text) => Line("error: " + text);

    /// <summary>An error line, then, with <c>--verbose</c>, the exception in full.</summary>
    public void Error(string text, Exception exception)
    {
        lock (_writing)
        {
            error.WriteLine(Clean("error: " + text));
            if (Verbose)
            {
                error.WriteLine(Clean(exception.ToString()));
            }

            error.Flush();
        }
    }

    public string Clean(string text) =>
        _secret is { } secret ? text.Replace(secret, "[redacted]", StringComparison.Ordinal) : text;
}
