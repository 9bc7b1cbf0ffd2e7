using System;
using System.IO;
using System.Text;

namespace Mindee.Ocr.Cli;

/// <summary>Turns an exception into the one line a user reads: its message, whitespace folded.</summary>
internal static class ErrorText
{
    public static string Reason(Exception error) => error switch
    {
        FileNotFoundException => "no such file",
        DirectoryNotFoundException => "no such directory",
        UnauthorizedAccessException => "cannot be read (permission denied)",
        MindeeOcrJobFailedException failed when failed.Problem is { } problem =>
            OneLine($"the service could not process it: {problem.Title ?? "failed"}{(string.IsNullOrEmpty(problem.Detail) ? string.Empty : " (" + problem.Detail + ")")}"),
        _ => OneLine(error.Message),
    };

    /// <summary>The text on one line: line breaks and runs of spaces become one space.</summary>
    public static string OneLine(string text)
    {
        var line = new StringBuilder(text.Length);
        bool space = false;
        foreach (char c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = line.Length > 0;
                continue;
            }

            if (space)
            {
                line.Append(' ');
                space = false;
            }

            line.Append(c);
        }

        return line.ToString();
    }
}
