using System;
using System.Collections.Generic;
using System.Text;

namespace Mindee.Ocr.Testing;

/// <summary>One part of a <c>multipart/form-data</c> body.</summary>
/// <param name="Name">The field's name.</param>
/// <param name="FileName">The file name, for a file part (quoted-string escapes undone).</param>
/// <param name="ContentType">The part's content type, if given.</param>
/// <param name="Bytes">The part's content.</param>
internal sealed record FormPart(string Name, string? FileName, string? ContentType, byte[] Bytes)
{
    public string Text => Encoding.UTF8.GetString(Bytes);
}

/// <summary>A small, strict <c>multipart/form-data</c> reader, for what the client sends.</summary>
internal static class FormData
{
    /// <summary>The boundary of a <c>multipart/form-data; boundary=…</c> content type.</summary>
    public static string Boundary(string contentType)
    {
        const string Marker = "boundary=";
        int at = contentType.IndexOf(Marker, StringComparison.OrdinalIgnoreCase);
        return at < 0 ? throw new FormatException("The content type has no boundary.") : contentType[(at + Marker.Length)..].Trim().Trim('"');
    }

    /// <exception cref="FormatException">The body is not well-formed multipart.</exception>
    public static IReadOnlyList<FormPart> Parse(byte[] body, string boundary)
    {
        var delimiter = Encoding.ASCII.GetBytes("--" + boundary);
        var closing = Encoding.ASCII.GetBytes("\r\n--" + boundary);
        var parts = new List<FormPart>();
        if (!body.AsSpan().StartsWith(delimiter))
        {
            throw new FormatException("The body does not start with the boundary.");
        }

        int position = delimiter.Length;
        while (true)
        {
            if (body.AsSpan(position).StartsWith("--"u8))
            {
                return body.AsSpan(position + 2).SequenceEqual("\r\n"u8) ? parts : throw new FormatException("Bytes follow the closing boundary.");
            }

            if (!body.AsSpan(position).StartsWith("\r\n"u8))
            {
                throw new FormatException("A boundary is not followed by CRLF.");
            }

            position += 2;
            int headersEnd = IndexOf(body, "\r\n\r\n"u8, position);
            var headers = Encoding.UTF8.GetString(body, position, headersEnd - position).Split(["\r\n"], StringSplitOptions.None);
            int contentStart = headersEnd + 4;
            int next = IndexOf(body, closing, contentStart);

            string? name = null, fileName = null, type = null;
            foreach (var line in headers)
            {
                if (line.StartsWith("Content-Disposition:", StringComparison.OrdinalIgnoreCase))
                {
                    name = Parameter(line, "name");
                    fileName = Parameter(line, "filename");
                }
                else if (line.StartsWith("Content-Type:", StringComparison.OrdinalIgnoreCase))
                {
                    type = line["Content-Type:".Length..].Trim();
                }
            }

            parts.Add(new FormPart(name ?? throw new FormatException("A part has no name."), fileName, type, body.AsSpan(contentStart, next - contentStart).ToArray()));
            position = next + closing.Length;
        }
    }

    /// <summary>Reads a quoted parameter, undoing backslash escapes (RFC 7578 quoted-string).</summary>
    private static string? Parameter(string header, string parameter)
    {
        var key = "; " + parameter + "=\"";
        int start = header.IndexOf(key, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        var value = new StringBuilder();
        for (int i = start + key.Length; i < header.Length; i++)
        {
            char c = header[i];
            if (c == '\\' && i + 1 < header.Length)
            {
                value.Append(header[++i]);
            }
            else if (c == '"')
            {
                return value.ToString();
            }
            else
            {
                value.Append(c);
            }
        }

        throw new FormatException("A quoted parameter is not closed.");
    }

    private static int IndexOf(byte[] haystack, ReadOnlySpan<byte> needle, int from)
    {
        int index = haystack.AsSpan(from).IndexOf(needle);
        return index < 0 ? throw new FormatException("A boundary or header end is missing.") : from + index;
    }
}
