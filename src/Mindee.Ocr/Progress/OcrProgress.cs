using System;

namespace Mindee.Ocr;

/// <summary>
/// One report of a call's progress, given to <see cref="WaitOptions.Progress"/>. Immutable: each
/// report is a new value.
/// </summary>
public sealed record OcrProgress
{
    /// <summary>Where the call stands.</summary>
    public OcrProgressStage Stage { get; init; }

    /// <summary>
    /// The bytes of the document itself sent so far (not the request's framing, such as the
    /// multipart headers); for base64 text, the bytes it decodes to. 0 for a URL, and for a call
    /// that only waits. Starts again from 0 if the upload is sent again.
    /// </summary>
    public long BytesSent { get; init; }

    /// <summary>The document's size in bytes when known; null for a URL, a forward-only stream, and a call that only waits.</summary>
    public long? TotalBytes { get; init; }

    /// <summary>The job's polls made so far in this call.</summary>
    public int Polls { get; init; }

    /// <summary>The time since the call started, on the client's clock.</summary>
    public TimeSpan Elapsed { get; init; }
}
