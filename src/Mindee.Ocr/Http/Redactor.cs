using System;
using System.Linq;
using System.Text.Json;

namespace Mindee.Ocr.Http;

/// <summary>
/// Takes the API key out of whatever the service (or a proxy) sends back before it reaches a
/// message, a log line or a trace: problem details, a failed job's (and its webhooks') errors, body
/// excerpts, JSON errors (whose paths can name a property the body made up) and URLs it refused. A server that echoes the key cannot make the client reveal it.
/// </summary>
internal sealed class Redactor(string secret)
{
    public const string Mark = "[redacted]";

    /// <summary>
    /// The shortest secret looked for: a shorter one (a test's "k") cannot be told from ordinary
    /// text, and no real API key is that short.
    /// </summary>
    private const int MinimumSecretLength = 8;

    /// <summary>Whether <paramref name="text"/> holds the key.</summary>
    public bool Holds(string text) => secret.Length >= MinimumSecretLength && text.Contains(secret, StringComparison.Ordinal);

    public string Redact(string text) => Holds(text) ? text.Replace(secret, Mark, StringComparison.Ordinal) : text;

    public string? RedactOrNull(string? text) => text is null ? null : Redact(text);

    public MindeeProblem Redact(MindeeProblem problem) => problem with
    {
        Title = RedactOrNull(problem.Title),
        Code = RedactOrNull(problem.Code),
        Detail = RedactOrNull(problem.Detail),
        Errors = problem.Errors.Select(e => e with { Pointer = RedactOrNull(e.Pointer), Detail = RedactOrNull(e.Detail) }).ToArray(),
    };

    public OcrJob Redact(OcrJob job) => job.Error is null && job.Webhooks.All(w => w.Error is null)
        ? job
        : job with
        {
            Error = job.Error is null ? null : Redact(job.Error),
            Webhooks = job.Webhooks.Select(w => w.Error is null ? w : w with { Error = Redact(w.Error) }).ToArray(),
        };

    /// <summary>
    /// A JSON error whose message or path quotes the key (a property named after it, in a path),
    /// rebuilt without it and without its cause, which quotes it too.
    /// </summary>
    public JsonException Redact(JsonException error) =>
        !Holds(error.Message) && !Holds(error.Path ?? string.Empty)
            ? error
            : new JsonException(Redact(error.Message), RedactOrNull(error.Path), error.LineNumber, error.BytePositionInLine);
}
