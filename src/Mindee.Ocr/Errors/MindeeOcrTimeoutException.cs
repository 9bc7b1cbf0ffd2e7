using System;

namespace Mindee.Ocr;

/// <summary>
/// The wait for a job's result passed its deadline. The job may still be running on the
/// service: resume with <see cref="IMindeeOcrClient.WaitForResultAsync(string, WaitOptions?, System.Threading.CancellationToken)"/> and <see cref="JobId"/>.
/// </summary>
public class MindeeOcrTimeoutException : MindeeOcrException
{
    /// <summary>Creates an exception with a default message.</summary>
    public MindeeOcrTimeoutException()
        : this("Waiting for the Mindee OCR result timed out.")
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public MindeeOcrTimeoutException(string message)
        : this(message, null)
    {
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public MindeeOcrTimeoutException(string message, Exception? innerException)
        : base(message, innerException)
    {
        JobId = string.Empty;
    }

    /// <summary>Creates an exception for a wait that passed its deadline.</summary>
    /// <param name="jobId">The job waited for.</param>
    /// <param name="elapsed">How long the client waited.</param>
    /// <param name="lastError">The last error seen while polling, if the last poll failed.</param>
    public MindeeOcrTimeoutException(string jobId, TimeSpan elapsed, Exception? lastError)
        : base(
            $"Mindee OCR job '{jobId}' was not done after {elapsed.TotalSeconds:0.#} s of waiting. It may still finish: " +
            $"call WaitForResultAsync(\"{jobId}\") to resume." + (lastError is null ? string.Empty : $" Last poll error: {lastError.Message}"),
            MindeeOcrFailureKind.WaitTimedOut,
            lastError)
    {
        JobId = jobId;
        Elapsed = elapsed;
    }

    /// <summary>The job waited for; pass it to <see cref="IMindeeOcrClient.WaitForResultAsync(string, WaitOptions?, System.Threading.CancellationToken)"/> to resume.</summary>
    public string JobId { get; }

    /// <summary>How long the client waited.</summary>
    public TimeSpan Elapsed { get; }
}
