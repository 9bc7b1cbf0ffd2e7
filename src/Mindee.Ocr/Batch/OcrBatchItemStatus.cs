namespace Mindee.Ocr;

/// <summary>How a document of a batch ended.</summary>
public enum OcrBatchItemStatus
{
    /// <summary>Processed: <see cref="OcrBatchItem.Result"/> holds its OCR.</summary>
    Succeeded,

    /// <summary>Not processed: <see cref="OcrBatchItem.Error"/> says why. The rest of the batch goes on.</summary>
    Failed,

    /// <summary>Already done in an earlier run with the same journal: neither sent nor fetched again.</summary>
    Skipped,
}
