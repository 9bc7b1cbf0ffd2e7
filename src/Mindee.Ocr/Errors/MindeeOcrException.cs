using System;

namespace Mindee.Ocr;

/// <summary>
/// The base of every exception the client throws for a service, network or job failure, so
/// <c>catch (MindeeOcrException)</c> is enough; <see cref="Kind"/> says what failed. Argument
/// mistakes stay <see cref="ArgumentException"/>; the caller's cancellation stays
/// <see cref="OperationCanceledException"/>. The message never contains the API key.
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

    /// <summary>Creates an exception of a known kind.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="kind">What kind of failure it is.</param>
    /// <param name="innerException">The cause.</param>
    /// <param name="documentMayHaveBeenEnqueued">
    /// Whether an enqueue failed after its document was sent, so the service may have taken it; the
    /// message then says so, and how to find the job.
    /// </param>
    /// <param name="alias">The alias the document was sent with, if any.</param>
    public MindeeOcrException(string message, MindeeOcrFailureKind kind, Exception? innerException = null, bool documentMayHaveBeenEnqueued = false, string? alias = null)
        : base(documentMayHaveBeenEnqueued ? message + MayHaveBeenEnqueued(alias) : message, innerException)
    {
        Kind = kind;
        DocumentMayHaveBeenEnqueued = documentMayHaveBeenEnqueued;
        Alias = alias;
    }

    /// <summary>What kind of failure this is; <see cref="MindeeOcrFailureKind.Unspecified"/> when other code made the exception.</summary>
    public MindeeOcrFailureKind Kind { get; }

    /// <summary>
    /// True when an enqueue failed after the document was sent (a <c>5xx</c>, a timeout, a dropped
    /// connection, an unreadable answer): the service may have taken it, and processing (and
    /// billing) may go on. Look the job up by <see cref="Alias"/> before sending the document again.
    /// </summary>
    public bool DocumentMayHaveBeenEnqueued { get; }

    /// <summary>The alias of the document whose enqueue failed, when one was sent; null otherwise.</summary>
    public string? Alias { get; }

    /// <summary>The one sentence that tells a caller an enqueue's outcome is unknown, and what to do.</summary>
    private static string MayHaveBeenEnqueued(string? alias) => alias is null
        ? " The document may have been enqueued all the same; send an alias to be able to find it."
        : $" The document may have been enqueued all the same (alias \"{alias}\"); look for it before sending it again.";
}
