namespace Mindee.Ocr;

/// <summary>Where an <see cref="OcrInput"/>'s document comes from.</summary>
public enum OcrInputKind
{
    /// <summary>A file on disk, opened by the client.</summary>
    File,

    /// <summary>A stream the caller owns.</summary>
    Stream,

    /// <summary>Bytes in memory.</summary>
    Bytes,

    /// <summary>Base64 text, sent as <c>file_base64</c>.</summary>
    Base64,

    /// <summary>An HTTPS URL the service downloads the document from.</summary>
    Url,
}
