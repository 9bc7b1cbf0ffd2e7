using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Mindee.Ocr.Diagnostics;

/// <summary>
/// The library's log messages (source-generated). They carry methods, paths, statuses, job ids
/// and durations: never the API key, never document content.
/// </summary>
internal static partial class ClientLog
{
    /// <summary><c>1 poll</c>, <c>3 polls</c>.</summary>
    public static string Polls(int count) => count == 1 ? "1 poll" : count.ToString(CultureInfo.InvariantCulture) + " polls";

    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "{Method} {Path} answered {Status} in {ElapsedMs:0} ms")]
    public static partial void RequestCompleted(ILogger logger, string method, string path, int status, double elapsedMs);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "{Method} {Path} failed after {ElapsedMs:0} ms: {Reason}")]
    public static partial void RequestFailed(ILogger logger, string method, string path, double elapsedMs, string reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "{Request} will be tried again in {DelayMs:0} ms (retry {Attempt}): {Reason}")]
    public static partial void RetryScheduled(ILogger logger, string request, double delayMs, int attempt, string reason);

    [LoggerMessage(EventId = 10, Level = LogLevel.Debug, Message = "Job {JobId} is {Status}; next poll in {DelayMs:0} ms")]
    public static partial void PollScheduled(ILogger logger, string jobId, JobStatus status, double delayMs);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "Polling job {JobId} failed; next poll in {DelayMs:0} ms: {Reason}")]
    public static partial void PollFailed(ILogger logger, string jobId, double delayMs, string reason);

    [LoggerMessage(EventId = 12, Level = LogLevel.Warning, Message = "Job {JobId} has a status this client does not know; it keeps being polled until the deadline")]
    public static partial void UnknownStatus(ILogger logger, string jobId);

    [LoggerMessage(EventId = 13, Level = LogLevel.Information, Message = "Job {JobId} processed after {ElapsedMs:0} ms and {PollCount}")]
    public static partial void JobProcessed(ILogger logger, string jobId, double elapsedMs, string pollCount);

    [LoggerMessage(EventId = 14, Level = LogLevel.Information, Message = "Job {JobId} failed after {ElapsedMs:0} ms: {Code} {Title}")]
    public static partial void JobFailed(ILogger logger, string jobId, double elapsedMs, string? code, string? title);

    [LoggerMessage(EventId = 15, Level = LogLevel.Information, Message = "Job {JobId} was not done after {ElapsedMs:0} ms and {PollCount}; the wait gave up")]
    public static partial void WaitTimedOut(ILogger logger, string jobId, double elapsedMs, string pollCount);

    [LoggerMessage(EventId = 16, Level = LogLevel.Information, Message = "Job {JobId} enqueued ({FileName})")]
    public static partial void JobEnqueued(ILogger logger, string jobId, string fileName);
}
