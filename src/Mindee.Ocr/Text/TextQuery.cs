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
}
