using System;

namespace Mindee.Ocr;

/// <summary>
/// How one call waits for its result: a polling schedule and deadline for this call only, and
/// where to report its progress. Pass it to
/// <see cref="IMindeeOcrClient.EnqueueAndWaitAsync(OcrInput, EnqueueOptions?, WaitOptions?, System.Threading.CancellationToken)"/>
/// or <see cref="IMindeeOcrClient.WaitForResultAsync(string, WaitOptions?, System.Threading.CancellationToken)"/>.
/// </summary>
/// <example>
/// <code>
/// // An interactive request: give up after 20 s instead of the client's 10 minutes, and show progress.
/// var wait = new WaitOptions
/// {
///     Polling = new PollingOptions { Timeout = TimeSpan.FromSeconds(20) },
///     Progress = new Progress&lt;OcrProgress&gt;(p => Console.WriteLine($"{p.Stage} {p.BytesSent}/{p.TotalBytes} polls: {p.Polls}")),
/// };
/// OcrInference result = await client.EnqueueAndWaitAsync(new FileInfo("invoice.pdf"), null, wait);
/// </code>
/// </example>
public sealed record WaitOptions
{
    /// <summary>
    /// The polling schedule and deadline for this call only, in place of the client's
    /// <see cref="MindeeOcrOptions.Polling"/>; null for the client's. Checked when the call starts
    /// (an invalid value is an <see cref="ArgumentException"/> naming the setting); later changes
    /// to the object do not reach a call already started.
    /// </summary>
    public PollingOptions? Polling { get; init; }

    /// <summary>
    /// Where the call reports its progress: the upload's bytes while the document streams (a few
    /// times a second at most, and once when the document is sent), then each stage and poll;
    /// null for none. Reports are made on the client's own threads: a
    /// <see cref="Progress{T}"/> passes them to the context it was created on.
    /// </summary>
    public IProgress<OcrProgress>? Progress { get; init; }
}
