using System;
using System.Text;

namespace Mindee.Ocr;

/// <summary>A searched text as search reads it: trimmed, each run of white space one space.</summary>
internal static class TextQuery
{
    public static string Normalize(string text, string paramName)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ArgumentException("The text to find is empty; give at least one character that is not white space.", paramName);
        }

        var folded = new StringBuilder(text.Length);
        bool space = false;
        foreach (char c in text.Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space)
            {
                folded.Append(' ');
                space = false;
            }

            folded.Append(c);
        }

        return folded.ToString();
    }

    /// <exception cref="ArgumentException"><paramref name="comparison"/> is not one of <see cref="StringComparison"/>'s values.</exception>
    public static void CheckComparison(StringComparison comparison, string paramName)
    {
        if ((uint)comparison > (uint)StringComparison.OrdinalIgnoreCase)
        {
            throw new ArgumentException($"Unknown comparison {comparison}; use one of StringComparison's values.", paramName);
        }
    }

    /// <summary>
    /// Whether a culture-aware comparison ignores every character of the query (soft hyphens,
    /// zero-width characters): such a query would match at every position, so it matches nothing.
    /// </summary>
    public static bool MatchesNothing(string query, StringComparison comparison) =>
        comparison is not (StringComparison.Ordinal or StringComparison.OrdinalIgnoreCase) && string.Equals(query, string.Empty, comparison);
}
