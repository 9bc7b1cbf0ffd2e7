using System;

namespace Mindee.Ocr.Cli;

/// <summary>
/// One document named on the command line, once globs are expanded: a file or a URL, the name
/// its export takes in <c>--output</c>, and, when it cannot be sent, why.
/// </summary>
/// <param name="Display">How the document is named in messages: the path as given (or relative to the working directory), or the URL.</param>
/// <param name="FullPath">The file's full path; null for a URL.</param>
/// <param name="Url">The URL; null for a file.</param>
/// <param name="Problem">Why it cannot be sent (a missing file, a glob that matches nothing); null when it can.</param>
internal sealed record InputEntry(string Display, string? FullPath, Uri? Url, string? Problem)
{
    /// <summary>The name its export would take before numbering: the file's name, or the URL's last path segment.</summary>
    public string BaseName
    {
        get
        {
            if (FullPath is not null)
            {
                return System.IO.Path.GetFileName(FullPath);
            }

            var path = Url?.AbsolutePath ?? string.Empty;
            var segment = Uri.UnescapeDataString(path[(path.TrimEnd('/').LastIndexOf('/') + 1)..].TrimEnd('/'));
            return segment.Length == 0 ? Url?.Host ?? "document" : segment;
        }
    }

    /// <summary>The export's file name in <c>--output</c>, unique among the run's inputs; set once every input is known.</summary>
    public string OutputName { get; set; } = string.Empty;
}
