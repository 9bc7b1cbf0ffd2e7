namespace Mindee.Ocr.Cli;

/// <summary>How one document of an <c>ocr</c> run ended, as the progress display reports it.</summary>
/// <param name="Entry">The document.</param>
/// <param name="Status">Processed, failed, or done by an earlier run.</param>
/// <param name="Destination">Where its export went (a path, or null for standard output).</param>
/// <param name="Pages">Its page count, when processed.</param>
/// <param name="Reason">Why it failed, on one line; null otherwise.</param>
internal sealed record DocumentOutcome(InputEntry Entry, OcrBatchItemStatus Status, string? Destination, int Pages, string? Reason)
{
    /// <summary>The line standard error gets for this document when no live display runs.</summary>
    public string Line => Status switch
    {
        OcrBatchItemStatus.Failed => $"error: {Entry.Display}: {Reason}",
        OcrBatchItemStatus.Skipped => $"skipped: {Entry.Display} (done by an earlier run, as its journal says)",
        _ => $"done: {Entry.Display}{(Destination is null ? string.Empty : " -> " + Destination)} ({Pages} {(Pages == 1 ? "page" : "pages")})",
    };
}
