namespace Mindee.Ocr;

/// <summary>Where a job (or a webhook delivery) stands.</summary>
public enum JobStatus
{
    /// <summary>A status this version of the client does not know; the service added it later.</summary>
    Unknown = 0,

    /// <summary>The document is still being processed.</summary>
    Processing,

    /// <summary>Processing ended and the result can be fetched.</summary>
    Processed,

    /// <summary>Processing failed; the job's error says why.</summary>
    Failed,
}
