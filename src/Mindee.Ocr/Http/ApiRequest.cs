using System;
using System.Net.Http;

namespace Mindee.Ocr.Http;

/// <summary>One call to the service, as the transport sends it (each attempt afresh).</summary>
internal sealed class ApiRequest(HttpMethod method, Uri uri, string operation, TimeSpan timeout)
{
    public HttpMethod Method { get; } = method;

    public Uri Uri { get; } = uri;

    /// <summary>A low-cardinality name for metrics: <c>enqueue</c>, <c>job</c> or <c>result</c>.</summary>
    public string Operation { get; } = operation;

    public TimeSpan Timeout { get; } = timeout;

    /// <summary>Makes a fresh body for each attempt; null for a request without one.</summary>
    public Func<HttpContent>? Content { get; init; }

    /// <summary>The alias the document is sent with, for an upload: errors carry it, to find the job again.</summary>
    public string? Alias { get; init; }

    /// <summary>
    /// The batch gate every attempt passes first (a rate limiter, and the hold a <c>429</c> puts
    /// on the whole batch); null outside a batch.
    /// </summary>
    public IRequestGate? Gate { get; init; }

    /// <summary>Whether this request sends a document: a failure after sending may have enqueued it.</summary>
    public bool IsUpload => Content is not null;

    /// <summary>The request for messages and logs, such as <c>GET /v2/jobs/1234</c>: no host, no query.</summary>
    public string Description => $"{Method.Method} {Uri.AbsolutePath}";
}
