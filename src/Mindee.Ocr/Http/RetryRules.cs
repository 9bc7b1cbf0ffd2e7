namespace Mindee.Ocr.Http;

/// <summary>
/// Which failures are worth another try, read from their <see cref="MindeeOcrFailureKind"/> alone
/// (never from inner exceptions): one rule per kind of call.
/// </summary>
internal static class RetryRules
{
    /// <summary>A <c>GET</c> may be repeated after network errors, timeouts, 408, 429 and 5xx.</summary>
    public static bool IsRetryableGet(MindeeOcrException failure) => failure.Kind switch
    {
        MindeeOcrFailureKind.ConnectFailed or MindeeOcrFailureKind.Timeout or MindeeOcrFailureKind.ConnectionLost => true,
        MindeeOcrFailureKind.ErrorStatus => failure is MindeeOcrApiException { Status: 408 or 429 or >= 500 },
        _ => false,
    };

    /// <summary>A poll inside a wait also survives an answer it could not read: the next poll may read fine.</summary>
    public static bool IsRetryablePoll(MindeeOcrException failure) =>
        IsRetryableGet(failure) || failure.Kind == MindeeOcrFailureKind.UnreadableBody;

    /// <summary>
    /// An upload is sent again only when the service surely did not take it: a 429, or no
    /// connection at all. After a 5xx or a timeout once sent, it may have been enqueued.
    /// </summary>
    public static bool IsRetryableUpload(MindeeOcrException failure) =>
        failure.Kind == MindeeOcrFailureKind.ConnectFailed || failure is MindeeOcrApiException { Status: 429 };
}
