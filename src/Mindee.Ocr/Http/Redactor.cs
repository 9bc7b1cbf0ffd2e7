using System;
using System.Linq;
using System.Text.Json;

namespace Mindee.Ocr.Http;

/// <summary>
/// Takes the API key out of whatever the service (or a proxy) sends back before it reaches a
/// message, a log line or a trace: problem details, a failed job's error, body excerpts and JSON
/// errors. A server that echoes the key cannot make the client reveal it.
/// </summary>
internal sealed class Redactor(string secret)
{
    public const string Mark = "[redacted]";

    public string Redact(string text) =>
        secret.Length == 0 || text.IndexOf(secret, StringComparison.Ordinal) < 0 ? text : text.Replace(secret, Mark, StringComparison.Ordinal);

    public string? RedactOrNull(string? text) => text is null ? null : Redact(text);

    public MindeeProblem Redact(MindeeProblem problem) => problem with
    {
        Title = RedactOrNull(problem.Title),
        Code = RedactOrNull(problem.Code),
        Detail = RedactOrNull(problem.Detail),
        Errors = problem.Errors.Select(e => e with { Pointer = RedactOrNull(e.Pointer), Detail = RedactOrNull(e.Detail) }).ToArray(),
    };

    public OcrJob Redact(OcrJob job) => job.Error is null ? job : job with { Error = Redact(job.Error) };

    /// <summary>A JSON error whose message or path quotes the key, rebuilt without it (and without its cause, which quotes it too).</summary>
    public JsonException Redact(JsonException error) =>
        Redact(error.Message) == error.Message && Redact(error.Path ?? string.Empty) == (error.Path ?? string.Empty)
            ? error
            : new JsonException(Redact(error.Message), RedactOrNull(error.Path), error.LineNumber, error.BytePositionInLine);
}
