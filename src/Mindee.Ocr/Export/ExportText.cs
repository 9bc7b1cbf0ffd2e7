using System;
using System.Text;
using System.Xml;

namespace Mindee.Ocr;

/// <summary>The pieces the exports write: integers without allocating, and text made safe for XML and TSV.</summary>
internal static class ExportText
{
    /// <summary>Writes <paramref name="value"/> in invariant digits into <paramref name="buffer"/> (16 characters suffice); returns the length.</summary>
    public static int Format(int value, char[] buffer)
    {
        uint magnitude = value < 0 ? (uint)-(long)value : (uint)value;
        int end = buffer.Length;
        int at = end;
        do
        {
            buffer[--at] = (char)('0' + (magnitude % 10));
            magnitude /= 10;
        }
        while (magnitude != 0);

        if (value < 0)
        {
            buffer[--at] = '-';
        }

        int length = end - at;
        Array.Copy(buffer, at, buffer, 0, length);
        return length;
    }

    /// <summary>The text with every character XML cannot hold (control characters, lone surrogates) replaced by U+FFFD.</summary>
    public static string ForXml(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (XmlConvert.IsXmlChar(c))
            {
                continue;
            }

            if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], c))
            {
                i++;
                continue;
            }

            return Replace(text, i);
        }

        return text;
    }

    /// <summary>The text on one TSV field: tabs and line breaks become spaces.</summary>
    public static string ForTsv(string text) =>
        text.IndexOfAny(['\t', '\n', '\r']) < 0 ? text : text.Replace('\t', ' ').Replace('\n', ' ').Replace('\r', ' ');

    private static string Replace(string text, int from)
    {
        var clean = new StringBuilder(text.Length);
        clean.Append(text, 0, from);
        for (int i = from; i < text.Length; i++)
        {
            char c = text[i];
            if (XmlConvert.IsXmlChar(c))
            {
                clean.Append(c);
            }
            else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], c))
            {
                clean.Append(c).Append(text[i + 1]);
                i++;
            }
            else
            {
                clean.Append('\uFFFD');
            }
        }

        return clean.ToString();
    }
}
