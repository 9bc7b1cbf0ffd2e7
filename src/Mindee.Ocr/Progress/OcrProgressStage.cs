namespace Mindee.Ocr;

/// <summary>Where a call stands, in the order a call goes through them (see <see cref="OcrProgress.Stage"/>).</summary>
public enum OcrProgressStage
{
    /// <summary>The document is being uploaded; <see cref="OcrProgress.BytesSent"/> counts its bytes.</summary>
    Sending,

    /// <summary>The service accepted the document; no poll yet.</summary>
    Queued,

    /// <summary>The job was polled and is still being processed (or the poll failed and will be tried again).</summary>
    Processing,

    /// <summary>The job is processed; its result is being fetched.</summary>
    Fetching,

    /// <summary>The result is in hand.</summary>
    Done,
}
