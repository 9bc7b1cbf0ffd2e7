using System;
using System.Linq;

namespace Mindee.Ocr;

/// <summary>The service could not process the document: the job ended <see cref="JobStatus.Failed"/>.</summary>
public class MindeeOcrJobFailedException : MindeeOcrException
{
    /// <summary>Creates an exception with a default message.</summary>
    public MindeeOcrJobFailedException()
        : this("The Mindee OCR job failed.")
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public MindeeOcrJobFailedException(string message)
        : this(message, (Exception?)null)
    {
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public MindeeOcrJobFailedException(string message, Exception? innerException)
        : base(message, innerException)
    {
        JobId = string.Empty;
    }

    /// <summary>Creates an exception for a failed job.</summary>
    /// <param name="jobId">The job's id.</param>
    /// <param name="problem">Why it failed, as the service said.</param>
    public MindeeOcrJobFailedException(string jobId, MindeeProblem? problem)
        : base(BuildMessage(jobId, problem), MindeeOcrFailureKind.JobFailed)
    {
        JobId = jobId;
        Problem = problem;
    }

    /// <summary>The failed job's id.</summary>
    public string JobId { get; }

    /// <summary>Why it failed, as the service said; null when it gave no reason.</summary>
    public MindeeProblem? Problem { get; }

    private static string BuildMessage(string jobId, MindeeProblem? problem)
    {
        var reason = problem is null
            ? "the service gave no reason"
            : string.Join(": ", new[] { problem.Code, problem.Title, problem.Detail }.Where(s => !string.IsNullOrEmpty(s)));
        return $"Mindee OCR job '{jobId}' failed: {(reason.Length == 0 ? "the service gave no reason" : reason.TrimEnd('.'))}.";
    }
}
