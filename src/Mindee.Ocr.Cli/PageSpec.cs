using System;
using System.Collections.Generic;
using System.Globalization;
using Mindee.Ocr.Pdf;

namespace Mindee.Ocr.Cli;

/// <summary>
/// The <c>--pages</c> syntax, mapped onto <see cref="PageSelection"/>:
/// <list type="bullet">
/// <item><c>1,-1</c>, <c>1-3,7</c>: keep these pages (1-based; negative counts from the end; <c>a-b</c> is a range).</item>
/// <item><c>first:N</c>: keep the first N pages (a shorter document goes whole).</item>
/// <item><c>except:1,-1</c>: send every page but these.</item>
/// <item>any of them followed by <c>@N</c>: only for documents of N pages or more; shorter ones go whole.</item>
/// </list>
/// </summary>
internal static class PageSpec
{
    public const string Help =
        "PDF pages to send, 1-based; negative numbers count from the end. '1,-1': the first and last; '1-3,7': a range and a page; "
        + "'first:2': the first two; 'except:1': all but the first; add '@N' to apply only to documents of N pages or more "
        + "('first:1@5'). Other documents are sent whole.";

    public static PageSelection Parse(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        try
        {
            return ParseChecked(spec);
        }
        catch (ArgumentException ex)
        {
            // PageSelection's own limits (page numbers, how many): the spec is wrong, not the run.
            throw Invalid(spec, ErrorText.OneLine(ex.Message).TrimEnd('.'));
        }
    }

    private static PageSelection ParseChecked(string spec)
    {
        var text = spec.Trim();
        int? atLeast = null;
        int at = text.LastIndexOf('@');
        if (at >= 0)
        {
            atLeast = Number(text[(at + 1)..], spec, positive: true);
            text = text[..at];
        }

        PageSelection selection;
        if (text.StartsWith("first:", StringComparison.OrdinalIgnoreCase))
        {
            selection = PageSelection.First(Number(text["first:".Length..], spec, positive: true));
        }
        else if (text.StartsWith("except:", StringComparison.OrdinalIgnoreCase))
        {
            selection = PageSelection.Remove(List(text["except:".Length..], spec));
        }
        else
        {
            selection = PageSelection.Keep(List(text, spec));
        }

        return atLeast is { } pages ? selection.WhenPageCountAtLeast(pages) : selection;
    }

    private static int[] List(string text, string spec)
    {
        var pages = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            // A range is two positive numbers around a dash; a lone leading dash is a negative page.
            int dash = part.IndexOf('-', 1 < part.Length ? 1 : 0);
            if (part.Length > 0 && dash > 0)
            {
                int from = Number(part[..dash], spec, positive: true);
                int to = Number(part[(dash + 1)..], spec, positive: true);
                if (to < from || to - from > 10_000)
                {
                    throw Invalid(spec, $"the range '{part}' goes backwards or is too long");
                }

                // Counted in long: a range ending at int.MaxValue would otherwise wrap around and never end.
                for (long page = from; page <= to; page++)
                {
                    pages.Add((int)page);
                }
            }
            else
            {
                pages.Add(Number(part, spec, positive: false));
            }
        }

        return [.. pages];
    }

    private static int Number(string text, string spec, bool positive)
    {
        if (!int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value) || value == 0 || (positive && value < 0))
        {
            throw Invalid(spec, $"'{text}' is not a page number{(positive ? " (1 or more)" : " (not 0)")}");
        }

        return value;
    }

    private static UsageException Invalid(string spec, string why) =>
        new(ErrorText.OneLine($"--pages '{spec}': {why}. Use forms such as '1,-1', '1-3', 'first:2', 'except:1' or 'first:1@5'."));
}
