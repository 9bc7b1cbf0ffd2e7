using System;
using System.Globalization;
using System.Net.Http;
using System.Text.Json;
using Mindee.Ocr.Serialization;

namespace Mindee.Ocr.Http;

/// <summary>
/// The typed exceptions of the transport, each built here from the request and the failure's
/// kind, with what an upload's caller needs to know: whether the document may have been enqueued.
/// </summary>
internal static class Failures
{
    /// <summary>
    /// Whether an upload that failed this way may have been taken by the service: it was sent
    /// (or partly sent) and no clear refusal came back.
    /// </summary>
    public static bool MayHaveBeenEnqueued(ApiRequest request, MindeeOcrFailureKind kind, int? status = null) =>
        request.IsUpload && kind switch
        {
            MindeeOcrFailureKind.Timeout or MindeeOcrFailureKind.ConnectionLost or MindeeOcrFailureKind.UnreadableBody
                or MindeeOcrFailureKind.ResponseTooLarge or MindeeOcrFailureKind.UnexpectedAnswer => true,
            MindeeOcrFailureKind.ErrorStatus => status is >= 500 or 408,
            _ => false,
        };

    public static MindeeOcrException Network(ApiRequest request, MindeeOcrFailureKind kind, Exception exception, bool ownTimeout, Redactor redactor)
    {
        var cause = redactor.Redact(exception.InnerException is { } inner && exception is OperationCanceledException ? inner.Message : exception.Message);
        var (message, innerException) = kind switch
        {
            MindeeOcrFailureKind.Timeout when ownTimeout => (
                $"{request.Description} got no complete answer within {Seconds(request.Timeout)} s.",
                (Exception)new TimeoutException($"The request timed out after {Seconds(request.Timeout)} s.", exception)),
            MindeeOcrFailureKind.Timeout => (
                $"{request.Description} was cancelled by the HTTP stack (such as HttpClient.Timeout): {cause}",
                new TimeoutException(cause, exception)),
            MindeeOcrFailureKind.ConnectFailed when ownTimeout => (
                $"{request.Description} could not connect within {Seconds(request.Timeout)} s; nothing was sent.",
                new TimeoutException($"The request timed out after {Seconds(request.Timeout)} s.", exception)),
            MindeeOcrFailureKind.ConnectFailed => ($"{request.Description} could not connect: {cause}", exception),
            _ => ($"{request.Description} failed: {cause}", exception),
        };
        return new MindeeOcrException(message, kind, innerException, MayHaveBeenEnqueued(request, kind), request.Alias);
    }

    public static MindeeOcrException Unreadable(ApiRequest request, HttpResponseMessage response, string what, JsonException error, Redactor redactor)
    {
        var redacted = redactor.Redact(error);
        return new MindeeOcrException(
            $"{Answered(request, response)}, but its body could not be read as {what}: {JsonReading.Describe(redacted)}",
            MindeeOcrFailureKind.UnreadableBody,
            redacted,
            MayHaveBeenEnqueued(request, MindeeOcrFailureKind.UnreadableBody),
            request.Alias);
    }

    /// <summary>An answer about something else than was asked: <paramref name="what"/> says what differs.</summary>
    public static MindeeOcrException Unexpected(ApiRequest request, HttpResponseMessage response, string what) => new(
        $"{Answered(request, response)}, but {what}; the answer was not used.",
        MindeeOcrFailureKind.UnexpectedAnswer,
        null,
        MayHaveBeenEnqueued(request, MindeeOcrFailureKind.UnexpectedAnswer),
        request.Alias);

    public static MindeeOcrException Undecodable(ApiRequest request, HttpResponseMessage response, System.IO.InvalidDataException error) => new(
        $"{Answered(request, response)}, but its body could not be decompressed: {error.Message}",
        MindeeOcrFailureKind.UnreadableBody,
        error,
        MayHaveBeenEnqueued(request, MindeeOcrFailureKind.UnreadableBody),
        request.Alias);

    public static MindeeOcrException Unread(ApiRequest request, HttpResponseMessage response, Utf8Body body)
    {
        var kind = body.Stopped == Utf8Body.StopReason.TooLarge ? MindeeOcrFailureKind.ResponseTooLarge : MindeeOcrFailureKind.UnreadableBody;
        var hint = kind == MindeeOcrFailureKind.ResponseTooLarge ? " (MindeeOcrOptions.MaxResponseBytes)" : string.Empty;
        return new MindeeOcrException(
            $"{Answered(request, response)}, but its body was not read: {body.Describe()}{hint}.",
            kind,
            null,
            MayHaveBeenEnqueued(request, kind),
            request.Alias);
    }

    /// <summary>An upload that should be tried again, but whose document came from a forward-only stream already read.</summary>
    public static MindeeOcrException NotResendable(MindeeOcrException failure) => new(
        $"{failure.Message} The document came from a forward-only stream that was already read, so it cannot be sent again; " +
        "pass a seekable stream (or a file) to let the client retry.",
        MindeeOcrFailureKind.DocumentNotResendable,
        failure);

    /// <summary>
    /// A short reason for a retry log line: the status and problem, or the kind and cause; never the
    /// request again (the line names it), never the key (a cause's text is redacted).
    /// </summary>
    public static string Reason(Exception exception, Redactor redactor) => exception switch
    {
        MindeeOcrApiException api => api.Problem?.ToString() ?? (api.BodyExcerpt is { } excerpt ? $"{api.Status}: \"{excerpt}\"" : api.Status.ToString(CultureInfo.InvariantCulture)),
        MindeeOcrException { Kind: MindeeOcrFailureKind.ConnectFailed } e => "could not connect: " + redactor.Redact(Cause(e)),
        MindeeOcrException { Kind: MindeeOcrFailureKind.Timeout } => "no complete answer in time",
        MindeeOcrException { Kind: MindeeOcrFailureKind.ConnectionLost } e => "connection lost: " + redactor.Redact(Cause(e)),
        MindeeOcrException { Kind: MindeeOcrFailureKind.UnreadableBody } => "unreadable answer",
        _ => redactor.Redact(exception.Message),
    };

    private static string Cause(Exception exception) =>
        exception.InnerException is OperationCanceledException { InnerException: { } inner } ? inner.Message : exception.InnerException?.Message ?? exception.Message;

    private static string Answered(ApiRequest request, HttpResponseMessage response) =>
        $"The Mindee OCR API answered {(int)response.StatusCode} to {request.Description}";

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
}
