using System;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Mindee.Ocr.Serialization;

namespace Mindee.Ocr.Http;

/// <summary>
/// Turns an error response into a <see cref="MindeeOcrApiException"/>: problem details when the
/// body has them, else the status and a short, redacted excerpt of whatever came (HTML from a
/// proxy, plain text, nothing). Never a raw <see cref="System.Text.Json.JsonException"/>.
/// </summary>
internal static class ErrorResponses
{
    private const int MaxBodyBytes = 64 * 1024;
    private const int MaxExcerptChars = 200;

    /// <summary>Reads the first 64 KiB of an error body (the rest is not read) and maps it.</summary>
    public static async Task<MindeeOcrApiException> ReadAsync(
        HttpResponseMessage response, ApiRequest request, Redactor redactor, TimeProvider time, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        // Disposing a response stream does no I/O: a plain using serves every target.
        using (stream)
        {
            using var body = await Utf8Body.ReadAsync(stream, MaxBodyBytes, response.Content.Headers.ContentLength, cancellationToken).ConfigureAwait(false);
            var problem = TryReadProblem(body.Span);
            int status = (int)response.StatusCode;
            return new MindeeOcrApiException(
                status,
                problem is null ? null : redactor.Redact(problem),
                problem is null ? Excerpt(body.Span, redactor) : null,
                RetryAfter.Read(response, time),
                request.Description,
                Failures.MayHaveBeenEnqueued(request, MindeeOcrFailureKind.ErrorStatus, status),
                request.Alias);
        }
    }

    /// <summary>Problem details, when the body is a JSON object with at least a title, a detail or a code.</summary>
    public static MindeeProblem? TryReadProblem(ReadOnlySpan<byte> body)
    {
        // A UTF-8 byte order mark, then white space.
        var trimmed = Utf8Body.TrimStart(body.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? body[3..] : body);
        if (trimmed.IsEmpty || trimmed[0] != (byte)'{')
        {
            return null;
        }

        return JsonReading.TryRead(trimmed, MindeeJsonContext.Default.MindeeProblem, out var problem, out _)
            && (problem.Title is not null || problem.Detail is not null || problem.Code is not null)
            ? problem
            : null;
    }

    /// <summary>
    /// A short, single-line excerpt of a body for a message: markup tags and control characters
    /// removed, white space folded, the API key redacted, at most 200 characters.
    /// </summary>
    public static string? Excerpt(ReadOnlySpan<byte> body, Redactor redactor)
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

        var result = redactor.Redact(folded.ToString());
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
}
