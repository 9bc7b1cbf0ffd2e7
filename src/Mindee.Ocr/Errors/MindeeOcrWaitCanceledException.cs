using System;
using System.Threading;

namespace Mindee.Ocr;

/// <summary>
/// The caller cancelled a wait after the document was enqueued. The job goes on running on the
/// service; resume with <see cref="IMindeeOcrClient.WaitForResultAsync(string, WaitOptions?, System.Threading.CancellationToken)"/> and <see cref="JobId"/>.
/// It is an <see cref="OperationCanceledException"/>, so code that handles cancellation as usual
/// keeps working.
/// </summary>
public class MindeeOcrWaitCanceledException : OperationCanceledException
{
    /// <summary>Creates an exception with a default message.</summary>
    public MindeeOcrWaitCanceledException()
        : this("The wait for a Mindee OCR job was cancelled.")
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What happened.</param>
    public MindeeOcrWaitCanceledException(string message)
        : this(message, null)
    {
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public MindeeOcrWaitCanceledException(string message, Exception? innerException)
        : base(message, innerException)
    {
        JobId = string.Empty;
    }

    /// <summary>Creates an exception for a cancelled wait.</summary>
    /// <param name="jobId">The job that was being waited for.</param>
    /// <param name="innerException">The cancellation that stopped the wait.</param>
    /// <param name="cancellationToken">The caller's token that was cancelled.</param>
    public MindeeOcrWaitCanceledException(string jobId, Exception? innerException, CancellationToken cancellationToken)
        : base($"The wait for Mindee OCR job '{jobId}' was cancelled; the job goes on. Call WaitForResultAsync(\"{jobId}\") to resume.", innerException, cancellationToken)
    {
        JobId = jobId;
    }

    /// <summary>The job that was being waited for; pass it to <see cref="IMindeeOcrClient.WaitForResultAsync(string, WaitOptions?, System.Threading.CancellationToken)"/> to resume.</summary>
    public string JobId { get; }
}
