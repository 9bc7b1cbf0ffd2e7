using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.Extensions.FileSystemGlobbing;

namespace Mindee.Ocr.Cli;

/// <summary>
/// Turns the command line's inputs into documents: <c>https://</c> URLs as they are, globs
/// (<c>*</c>, <c>?</c>, <c>**</c>) expanded here so they work the same on every shell, other
/// arguments as file paths. A missing file or a glob that matches nothing becomes a document with
/// a problem (reported as a failure; the others go on). A file named twice is sent once.
/// </summary>
internal static class InputExpansion
{
    /// <param name="arguments">The inputs as given.</param>
    /// <param name="currentDirectory">What relative paths are relative to.</param>
    /// <param name="excluded">Full paths of files, and of directories with everything in them, that globs never match (paths named outright still count).</param>
    public static List<InputEntry> Expand(IEnumerable<string> arguments, string currentDirectory, IReadOnlyCollection<string>? excluded = null)
    {
        var entries = new List<InputEntry>();
        var seen = new HashSet<string>(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        foreach (var argument in arguments)
        {
            if (argument.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || argument.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            {
                entries.Add(Uri.TryCreate(argument, UriKind.Absolute, out var url)
                    ? new InputEntry(argument, null, url, null)
                    : new InputEntry(argument, null, null, "not a valid URL"));
                continue;
            }

            if (argument.AsSpan().IndexOfAny('*', '?') < 0)
            {
                var full = Path.GetFullPath(argument, currentDirectory);
                if (seen.Add(full))
                {
                    entries.Add(new InputEntry(argument, full, null, File.Exists(full) ? null : Directory.Exists(full) ? "is a directory: name its files, or use a glob such as 'dir/**/*.pdf'" : "no such file"));
                }

                continue;
            }

            var matches = Glob(argument, currentDirectory).Where(full => !IsExcluded(full, excluded)).ToList();
            if (matches.Count == 0)
            {
                entries.Add(new InputEntry(argument, null, null, "no file matches this pattern"));
                continue;
            }

            foreach (var full in matches)
            {
                if (seen.Add(full))
                {
                    entries.Add(new InputEntry(Shown(full, currentDirectory), full, null, null));
                }
            }
        }

        return entries;
    }

    /// <summary>Files matching <paramref name="pattern"/>, sorted by path: the part before the first wildcard segment is the directory searched.</summary>
    private static List<string> Glob(string pattern, string currentDirectory)
    {
        var segments = pattern.Replace('\\', '/').Split('/');
        int first = Array.FindIndex(segments, s => s.AsSpan().IndexOfAny('*', '?') >= 0);
        var root = string.Join('/', segments[..first]);
        if (root.Length == 0 && pattern.StartsWith('/'))
        {
            root = "/";
        }

        var directory = Path.GetFullPath(root.Length == 0 ? "." : root, currentDirectory);
        if (!Directory.Exists(directory))
        {
            return [];
        }

        var matcher = new Matcher(OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
        matcher.AddInclude(string.Join('/', segments[first..]));
        return matcher.GetResultsInFullPath(directory)
            .Select(Path.GetFullPath)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static bool IsExcluded(string full, IReadOnlyCollection<string>? excluded)
    {
        var comparison = OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        foreach (var path in excluded ?? [])
        {
            var trimmed = Path.TrimEndingDirectorySeparator(path);
            if (string.Equals(full, trimmed, comparison)
                || (full.StartsWith(trimmed, comparison) && full.Length > trimmed.Length && full[trimmed.Length] == Path.DirectorySeparatorChar))
            {
                return true;
            }
        }

        return false;
    }

    private static string Shown(string full, string currentDirectory)
    {
        var relative = Path.GetRelativePath(currentDirectory, full);
        return relative.StartsWith("..", StringComparison.Ordinal) ? full : relative;
    }
}
