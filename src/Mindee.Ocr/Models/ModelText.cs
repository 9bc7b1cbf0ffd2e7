using System;
using System.Globalization;
using System.Text;

namespace Mindee.Ocr;

/// <summary>The pieces of the models' <c>ToString()</c> summaries: counts and short text excerpts.</summary>
internal static class ModelText
{
    private const int ExcerptLength = 60;

    /// <summary><c>1 word</c>, <c>1,100 words</c>.</summary>
    public static string Count(int count, string singular) =>
        count == 1 ? "1 " + singular : count.ToString("N0", CultureInfo.InvariantCulture) + " " + singular + "s";

    /// <summary>The start of <paramref name="text"/> on one line, quoted, at most 60 characters; empty text gives nothing.</summary>
    public static string Excerpt(string text)
    {
        var folded = new StringBuilder(Math.Min(text.Length, ExcerptLength + 1));
        bool space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                space = folded.Length > 0;
                continue;
            }

            if (folded.Length + (space ? 1 : 0) >= ExcerptLength)
            {
                return ": \"" + folded + "…\"";
            }

            if (space)
            {
                folded.Append(' ');
                space = false;
            }

            folded.Append(c);
        }

        return folded.Length == 0 ? string.Empty : ": \"" + folded + "\"";
    }

    public static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
