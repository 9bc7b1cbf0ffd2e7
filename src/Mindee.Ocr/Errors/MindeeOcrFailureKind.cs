namespace Mindee.Ocr;

/// <summary>
/// What kind of failure a <see cref="MindeeOcrException"/> stands for, decided where it happened,
/// so callers (and the client's own retries) can act on it without reading inner exceptions.
/// </summary>
public enum MindeeOcrFailureKind
{
    /// <summary>Not classified: the exception was made by other code than the client's.</summary>
    Unspecified = 0,

    /// <summary>
    /// No connection could be opened (refused, host not found, TLS handshake, proxy tunnel, connect
    /// timeout): nothing of the request reached the service, so repeating it is safe, even an upload.
    /// </summary>
    ConnectFailed,

    /// <summary>The request got no complete answer within its timeout, once it may have been sent.</summary>
    Timeout,

    /// <summary>The connection broke after (part of) the request was sent.</summary>
    ConnectionLost,

    /// <summary>The service answered an error status: see <see cref="MindeeOcrApiException"/>.</summary>
    ErrorStatus,

    /// <summary>A body (a success answer, a webhook delivery, stored JSON) could not be read as what it should be.</summary>
    UnreadableBody,

    /// <summary>A success answer was larger than <see cref="MindeeOcrOptions.MaxResponseBytes"/>; it was not read further.</summary>
    ResponseTooLarge,

    /// <summary>The service gave a URL on another origin than the configured one; the client sent nothing there.</summary>
    OriginRefused,

    /// <summary>
    /// The service answered about something else than was asked (another job, another inference), or
    /// gave a job id the client cannot use; the answer was not returned.
    /// </summary>
    UnexpectedAnswer,

    /// <summary>The job ended <see cref="JobStatus.Failed"/>: see <see cref="MindeeOcrJobFailedException"/>.</summary>
    JobFailed,

    /// <summary>The wait for a job passed its deadline: see <see cref="MindeeOcrTimeoutException"/>.</summary>
    WaitTimedOut,

    /// <summary>An upload should be tried again, but its document came from a forward-only stream that was already read.</summary>
    DocumentNotResendable,

    /// <summary>
    /// The document's stream ended before the length it announced (or the file shrank while it was
    /// sent); the upload was aborted, so the service got no complete document.
    /// </summary>
    DocumentLengthMismatch,
}
