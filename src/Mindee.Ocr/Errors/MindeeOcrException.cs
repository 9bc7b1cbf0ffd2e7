using System;

namespace Mindee.Ocr;

/// <summary>
/// The base of every exception the client throws for a service, network or job failure, so
/// <c>catch (MindeeOcrException)</c> is enough. Argument mistakes stay
/// <see cref="ArgumentException"/>; the caller's cancellation stays <see cref="OperationCanceledException"/>.
/// The message never contains the API key.
/// </summary>
public class MindeeOcrException : Exception
{
    /// <summary>Creates an exception with a default message.</summary>
    public MindeeOcrException()
        : base("The Mindee OCR client failed.")
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public MindeeOcrException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public MindeeOcrException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>
    /// Creates an exception about an enqueue whose outcome is unknown.
    /// </summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    /// <param name="documentMayHaveBeenEnqueued">Whether the service may have taken the document.</param>
    /// <param name="alias">The alias the document was sent with.</param>
    public MindeeOcrException(string message, Exception? innerException, bool documentMayHaveBeenEnqueued, string? alias)
        : base(message, innerException)
    {
        DocumentMayHaveBeenEnqueued = documentMayHaveBeenEnqueued;
        Alias = alias;
    }

    /// <summary>
    /// True when an enqueue failed after the document was sent (a <c>5xx</c>, a timeout or a
    /// dropped connection): the service may have taken it, and processing (and billing) may go
    /// on. Look the job up by <see cref="Alias"/> before sending the document again.
    /// </summary>
    public bool DocumentMayHaveBeenEnqueued { get; }

    /// <summary>The alias of the document whose enqueue failed, when one was sent; null otherwise.</summary>
    public string? Alias { get; }
}
