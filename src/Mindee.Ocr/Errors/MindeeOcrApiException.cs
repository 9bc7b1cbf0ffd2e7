using System;
using System.Collections.Generic;
using System.Text;

namespace Mindee.Ocr;

/// <summary>
/// The service answered with an error status. When the body was problem details (RFC 9457)
/// every field is here; when it was not (an HTML page from a proxy, an empty body),
/// <see cref="BodyExcerpt"/> holds a short, redacted excerpt of it.
/// </summary>
public class MindeeOcrApiException : MindeeOcrException
{
    /// <summary>Creates an exception with a default message.</summary>
    public MindeeOcrApiException()
        : this("The Mindee OCR API answered with an error.")
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public MindeeOcrApiException(string message)
        : this(message, null)
    {
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public MindeeOcrApiException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    /// <summary>Creates an exception for an error response.</summary>
    /// <param name="status">The HTTP status code of the response.</param>
    /// <param name="problem">The problem details of the body, when it had them.</param>
    /// <param name="bodyExcerpt">A short, redacted excerpt of a body that was not problem details.</param>
    /// <param name="retryAfter">The response's <c>Retry-After</c>, when it had one.</param>
    /// <param name="request">The request, as <c>GET /v2/jobs/…</c>, for the message.</param>
    /// <param name="documentMayHaveBeenEnqueued">Whether an enqueue may have been taken anyway.</param>
    /// <param name="alias">The alias of the document, for an enqueue.</param>
    public MindeeOcrApiException(
        int status,
        MindeeProblem? problem,
        string? bodyExcerpt,
        TimeSpan? retryAfter,
        string? request = null,
        bool documentMayHaveBeenEnqueued = false,
        string? alias = null)
        : base(BuildMessage(status, problem, bodyExcerpt, request), MindeeOcrFailureKind.ErrorStatus, null, documentMayHaveBeenEnqueued, alias)
    {
        Status = status;
        Problem = problem;
        BodyExcerpt = bodyExcerpt;
        RetryAfter = retryAfter;
        Errors = problem?.Errors ?? [];
    }

    /// <summary>The HTTP status code of the response.</summary>
    public int Status { get; }

    /// <summary>The problem's short summary, such as <c>Invalid fields in form</c>.</summary>
    public string? Title => Problem?.Title;

    /// <summary>The service's machine-readable code, such as <c>401-001</c> or <c>422-009</c>.</summary>
    public string? Code => Problem?.Code;

    /// <summary>The service's explanation.</summary>
    public string? Detail => Problem?.Detail;

    /// <summary>Precise problems, such as one per invalid field; empty when there are none.</summary>
    public IReadOnlyList<MindeeProblemItem> Errors { get; }

    /// <summary>How long the service asked to wait before trying again (<c>Retry-After</c>), if it said.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>The whole problem details, when the body had them.</summary>
    public MindeeProblem? Problem { get; }

    /// <summary>
    /// A short excerpt of the body (control characters removed, the API key redacted) when it
    /// was not problem details, such as a proxy's HTML page; null otherwise.
    /// </summary>
    public string? BodyExcerpt { get; }

    private static string BuildMessage(int status, MindeeProblem? problem, string? excerpt, string? request)
    {
        var text = new StringBuilder("The Mindee OCR API answered ").Append(status);
        if (problem?.Code is { Length: > 0 } code)
        {
            text.Append(" (").Append(code).Append(')');
        }

        if (request is not null)
        {
            text.Append(" to ").Append(request);
        }

        if (problem is not null)
        {
            var description = problem.Describe();
            if (description.Length > 0)
            {
                text.Append(": ").Append(description);
            }
        }
        else if (!string.IsNullOrEmpty(excerpt))
        {
            text.Append(", and its body was not problem details: \"").Append(excerpt).Append('"');
        }
        else
        {
            text.Append(" with an empty body");
        }

        return text.Append('.').ToString();
    }
}
