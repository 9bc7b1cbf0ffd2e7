using System;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Mindee.Ocr.Http;

/// <summary>
/// Turns an error response into a <see cref="MindeeOcrApiException"/>: problem details when the
/// body has them, else the status and a short, redacted excerpt of whatever came (HTML from a
/// proxy, plain text, nothing). Never a raw <see cref="JsonException"/>.
/// </summary>
internal static class ErrorResponses
{
    private const int MaxBodyBytes = 64 * 1024;
    private const int MaxExcerptChars = 200;

    public static async Task<MindeeOcrApiException> ReadAsync(
        HttpResponseMessage response, string request, string apiKey, TimeProvider time, bool mayHaveBeenEnqueued, string? alias, CancellationToken cancellationToken)
    {
        var body = await ReadPrefixAsync(response.Content, MaxBodyBytes, cancellationToken).ConfigureAwait(false);
        var problem = TryReadProblem(body);
        var excerpt = problem is null ? Excerpt(body, apiKey) : null;
        return new MindeeOcrApiException((int)response.StatusCode, problem, excerpt, RetryAfter.Read(response, time), request, mayHaveBeenEnqueued, alias);
    }

    /// <summary>Reads up to <paramref name="limit"/> bytes of a body; the rest is not read.</summary>
    public static async Task<ArraySegment<byte>> ReadPrefixAsync(HttpContent content, int limit, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        // Disposing a response stream does no I/O: a plain using serves every target.
        using (stream)
        {
            var buffer = new byte[Math.Min(limit, 4096)];
            int total = 0;
            while (total < limit)
            {
                if (total == buffer.Length)
                {
                    Array.Resize(ref buffer, Math.Min(limit, buffer.Length * 2));
                }

                int read = await stream.ReadAsync(buffer.AsMemory(total, buffer.Length - total), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                total += read;
            }

            return new ArraySegment<byte>(buffer, 0, total);
        }
    }

    public static MindeeProblem? TryReadProblem(ReadOnlySpan<byte> body)
    {
        var trimmed = TrimStart(body);
        if (trimmed.IsEmpty || trimmed[0] != (byte)'{')
        {
            return null;
        }

        try
        {
            var problem = JsonSerializer.Deserialize(trimmed, MindeeJsonContext.Default.MindeeProblem);
            return problem is not null && (problem.Title is not null || problem.Detail is not null || problem.Code is not null) ? problem : null;
        }
        catch (Exception ex) when (IsReadFailure(ex))
        {
            return null;
        }
    }

    /// <summary>
    /// A short, single-line excerpt of a body for a message: markup tags and control characters
    /// removed, white space folded, the API key redacted, at most 200 characters.
    /// </summary>
    public static string? Excerpt(ReadOnlySpan<byte> body, string apiKey)
    {
        if (body.IsEmpty)
        {
            return null;
        }

        var text = Encoding.UTF8.GetString(body);
        var folded = new StringBuilder(Math.Min(text.Length, MaxExcerptChars * 4));
        bool inTag = false, pendingSpace = false;
        foreach (var c in text)
        {
            if (c == '<')
            {
                inTag = true;
                pendingSpace = folded.Length > 0;
                continue;
            }

            if (inTag)
            {
                inTag = c != '>';
                continue;
            }

            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                pendingSpace = folded.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                folded.Append(' ');
                pendingSpace = false;
            }

            folded.Append(c);
            if (folded.Length > MaxExcerptChars * 4)
            {
                break;
            }
        }

        var result = Redact(folded.ToString(), apiKey);
        if (result.Length > MaxExcerptChars)
        {
#if NETSTANDARD2_0
            result = result.Substring(0, MaxExcerptChars) + "…";
#else
            result = string.Concat(result.AsSpan(0, MaxExcerptChars), "…");
#endif
        }

        return result.Length == 0 ? null : result;
    }

    /// <summary>
    /// A failure while reading a body into the models, as a <see cref="JsonException"/>: a model
    /// refusing a value (a null item in a list) is as unreadable as malformed JSON.
    /// </summary>
    public static JsonException AsJsonException(Exception ex) => ex as JsonException ?? new JsonException(ex.Message, ex);

    /// <summary>Whether <paramref name="ex"/> is a failure to read a body into the models (see <see cref="AsJsonException"/>).</summary>
    public static bool IsReadFailure(Exception ex) => ex is JsonException or ArgumentException;

    /// <summary>The typed error for a body that could not be read: <paramref name="what"/>, then where and why.</summary>
    public static MindeeOcrException Unreadable(string what, Exception ex)
    {
        var json = AsJsonException(ex);
        return new MindeeOcrException($"{what}: {Describe(json)}", json);
    }

    /// <summary>A JSON error's message with where it happened, for an exception message.</summary>
    public static string Describe(JsonException ex) =>
        ex.Path is { Length: > 0 } path && !ex.Message.Contains(path, StringComparison.Ordinal)
            ? $"{ex.Message} (at {path})"
            : ex.Message;

    public static string Redact(string text, string apiKey) =>
        apiKey.Length == 0 ? text : text.Replace(apiKey, "[redacted]", StringComparison.Ordinal);

    private static ReadOnlySpan<byte> TrimStart(ReadOnlySpan<byte> body)
    {
        // A UTF-8 byte order mark, then white space.
        if (body.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            body = body[3..];
        }

        int i = 0;
        while (i < body.Length && (body[i] == ' ' || body[i] == '\t' || body[i] == '\r' || body[i] == '\n'))
        {
            i++;
        }

        return body[i..];
    }
}
