using System;
using System.Linq;

namespace Mindee.Ocr.Http;

/// <summary>
/// Takes the API key out of whatever the service (or a proxy) sends back before it reaches a
/// message, a log line or a trace: problem details, a failed job's error and body excerpts. (A JSON
/// error names only the models' own properties, never one the body made up.) A server that echoes the key cannot make the client reveal it.
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

    public OcrJob Redact(OcrJob job) => job.Error is null && job.Webhooks.All(w => w.Error is null)
        ? job
        : job with
        {
            Error = job.Error is null ? null : Redact(job.Error),
            Webhooks = job.Webhooks.Select(w => w.Error is null ? w : w with { Error = Redact(w.Error) }).ToArray(),
        };
}
