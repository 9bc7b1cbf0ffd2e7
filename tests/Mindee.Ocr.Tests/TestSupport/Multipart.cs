using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using WireMock.Logging;

namespace Mindee.Ocr.Tests.TestSupport;

/// <summary>One part of a multipart/form-data body, as it reached the server.</summary>
public sealed record FormPart(string Name, string? FileName, string? ContentType, byte[] Bytes)
{
    public string Text => Encoding.UTF8.GetString(Bytes);
}

/// <summary>A small, strict multipart/form-data parser for asserting on what the server received.</summary>
public static class Multipart
{
    public static IReadOnlyList<FormPart> Parse(ILogEntry entry)
    {
        var contentType = entry.RequestMessage.Headers!["Content-Type"].Single();
        const string Marker = "boundary=";
        var boundary = contentType[(contentType.IndexOf(Marker, StringComparison.Ordinal) + Marker.Length)..].Trim('"');
        return Parse(entry.RequestMessage.BodyAsBytes ?? Encoding.UTF8.GetBytes(entry.RequestMessage.Body ?? string.Empty), boundary);
    }

    public static IReadOnlyList<FormPart> Parse(byte[] body, string boundary)
    {
        var delimiter = Encoding.ASCII.GetBytes("--" + boundary);
        var parts = new List<FormPart>();
        int position = IndexOf(body, delimiter, 0);
        if (position != 0)
        {
            throw new FormatException("The body does not start with the boundary.");
        }

        while (true)
        {
            position += delimiter.Length;
            if (body.AsSpan(position).StartsWith("--"u8))
            {
                if (!body.AsSpan(position + 2).SequenceEqual("\r\n"u8))
                {
                    throw new FormatException("The closing boundary is not followed by CRLF and the end.");
                }

                return parts;
            }

            position += 2; // CRLF
            int headersEnd = IndexOf(body, "\r\n\r\n"u8.ToArray(), position);
            var headerLines = Encoding.UTF8.GetString(body, position, headersEnd - position).Split("\r\n");
            int contentStart = headersEnd + 4;
            int next = IndexOf(body, Encoding.ASCII.GetBytes("\r\n--" + boundary), contentStart);
            var bytes = body[contentStart..next];

            string? name = null, fileName = null, partType = null;
            foreach (var line in headerLines)
            {
                if (line.StartsWith("Content-Disposition:", StringComparison.OrdinalIgnoreCase))
                {
                    name = Parameter(line, "name");
                    fileName = Parameter(line, "filename");
                }
                else if (line.StartsWith("Content-Type:", StringComparison.OrdinalIgnoreCase))
                {
                    partType = line["Content-Type:".Length..].Trim();
                }
            }

            parts.Add(new FormPart(name ?? throw new FormatException("A part has no name."), fileName, partType, bytes));
            position = next + 2;
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

        throw new FormatException("An unterminated quoted parameter.");
    }

    private static int IndexOf(byte[] haystack, byte[] needle, int from)
    {
        int index = haystack.AsSpan(from).IndexOf(needle);
        return index < 0 ? throw new FormatException("A boundary is missing.") : from + index;
    }
}
