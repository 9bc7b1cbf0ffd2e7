namespace Mindee.Ocr.Input;

/// <summary>The service's limits that the client checks before sending anything.</summary>
internal static class UploadLimits
{
    /// <summary>The largest document the service takes: 100 MB.</summary>
    public const long MaxDocumentBytes = 100L * 1024 * 1024;

    /// <summary>The longest URL the service takes.</summary>
    public const int MaxUrlLength = 2048;

    /// <summary>How many first bytes the type check reads.</summary>
    public const int SniffLength = 16;
}
