using System;
using System.Collections.Generic;
using System.IO;

namespace Mindee.Ocr.Cli;

/// <summary>
/// Names each input's export in <c>--output</c>: the input's name with the format's extension
/// appended (<c>invoice.pdf</c> → <c>invoice.pdf.hocr</c>). Names are given in the order of the
/// inputs, so a resumed run names them the same; a later input whose name is taken gets a numbered
/// suffix (<c>invoice.pdf-2.hocr</c>). Names differing only in case count as taken, so no export
/// overwrites another on a case-insensitive file system either.
/// </summary>
internal static class OutputNames
{
    /// <param name="entries">The inputs, in order.</param>
    /// <param name="extension">The format's extension.</param>
    /// <param name="directory">The output directory's full path: an input file in it keeps its name, so no export overwrites an input.</param>
    public static void Assign(IReadOnlyCollection<InputEntry> entries, string extension, string? directory = null)
    {
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (directory is not null)
        {
            var comparison = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            foreach (var entry in entries)
            {
                if (entry.FullPath is { } path && string.Equals(Path.GetDirectoryName(path), Path.TrimEndingDirectorySeparator(directory), comparison))
                {
                    taken.Add(Path.GetFileName(path));
                }
            }
        }

        foreach (var entry in entries)
        {
            var stem = Sanitize(entry.BaseName);
            var name = stem + extension;
            for (int n = 2; !taken.Add(name); n++)
            {
                name = $"{stem}-{n}{extension}";
            }

            entry.OutputName = name;
        }
    }

    private static string Sanitize(string name)
    {
        var invalid = Path.GetInvalidFileNameChars();
        var chars = name.ToCharArray();
        for (int i = 0; i < chars.Length; i++)
        {
            if (Array.IndexOf(invalid, chars[i]) >= 0 || chars[i] is '\\' or '/' or ':' or '*' or '?' or '"' or '<' or '>' or '|')
            {
                chars[i] = '_';
            }
        }

        var clean = new string(chars);
        return clean is "" or "." or ".." ? "document" : clean;
    }
}
