using System;
using System.Buffers;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Mindee.Ocr.Input;

/// <summary>
/// Base64 text given by the caller: checked without decoding it whole, and written to the request
/// in chunks, so a large document is never copied.
/// </summary>
internal static class Base64Text
{
    /// <summary>Checks the alphabet and padding (white space such as MIME line breaks is allowed) and returns the decoded size.</summary>
    /// <exception cref="ArgumentException">Not base64, with the position of the first bad character.</exception>
    public static long CheckAndMeasure(string text, string paramName)
    {
        long characters = 0;
        int padding = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c is ' ' or '\t' or '\r' or '\n')
            {
                continue;
            }

            if (c == '=')
            {
                padding++;
                if (padding > 2)
                {
                    throw new ArgumentException($"The base64 text has too much '=' padding (at position {i}).", paramName);
                }
            }
            else if (padding > 0 || !IsAlphabet(c))
            {
                var hint = text.StartsWith("data:", StringComparison.OrdinalIgnoreCase)
                    ? " It looks like a data: URI; pass only the part after \"base64,\"."
                    : string.Empty;
                var what = padding > 0 ? $"'{(char.IsControl(c) ? '?' : c)}' at position {i} follows the '=' padding, which can only end the text" : $"'{(char.IsControl(c) ? '?' : c)}' at position {i} is not a base64 character";
                throw new ArgumentException($"The text is not base64: {what}.{hint}", paramName);
            }

            // Every character counts towards the groups of four, '=' padding included.
            characters++;
        }

        if (characters == 0)
        {
            throw new ArgumentException("The base64 text is empty; nothing was sent.", paramName);
        }

        if (characters % 4 != 0)
        {
            throw new ArgumentException($"The base64 text has {characters} characters (white space aside); base64 comes in groups of 4, so it is truncated or not base64.", paramName);
        }

        return (characters / 4 * 3) - padding;
    }

    /// <summary>The first bytes the text decodes to, for the type check.</summary>
    public static byte[] DecodeHead(string text, int maxBytes)
    {
        Span<char> chars = stackalloc char[(maxBytes + 2) / 3 * 4];
        int n = 0;
        foreach (var c in text)
        {
            if (c is ' ' or '\t' or '\r' or '\n')
            {
                continue;
            }

            chars[n++] = c;
            if (n == chars.Length)
            {
                break;
            }
        }

        n -= n % 4;
        try
        {
            // A few characters only: the text is checked already, this decodes its head.
            return Convert.FromBase64String(chars[..n].ToString());
        }
        catch (FormatException)
        {
            return [];
        }
    }

    /// <summary>Writes the text as ASCII bytes, white space left out, through one pooled buffer.</summary>
    public static async Task WriteAsync(string text, Stream target, CancellationToken cancellationToken)
    {
        const int ChunkChars = 16 * 1024;
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkChars);
        try
        {
            int offset = 0;
            while (offset < text.Length)
            {
                int count = Math.Min(ChunkChars, text.Length - offset);
                int written = 0;
                foreach (var c in text.AsSpan(offset, count))
                {
                    if (c is not (' ' or '\t' or '\r' or '\n'))
                    {
                        buffer[written++] = (byte)c;
                    }
                }

                await target.WriteAsync(buffer.AsMemory(0, written), cancellationToken).ConfigureAwait(false);
                offset += count;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static bool IsAlphabet(char c) =>
        c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '+' or '/';
}
