using System;
using System.Net.Http;
using System.Threading.Tasks;
using Mindee.Ocr.Progress;

namespace Mindee.Ocr.Input;

/// <summary>
/// An input checked and ready to send: it makes a fresh request body for each attempt and
/// releases what the client opened (a file) when the enqueue ends.
/// </summary>
internal sealed class PreparedUpload : IAsyncDisposable
{
    private readonly DocumentBody? _document;
    private readonly Uri? _url;
    private readonly string? _base64;

    private PreparedUpload(string? fileName, DocumentBody? document, Uri? url, string? base64, long? documentLength)
    {
        FileName = fileName;
        _document = document;
        _url = url;
        _base64 = base64;
        DocumentLength = documentLength;
    }

    /// <summary>The document's size in bytes (for base64 text, decoded) when known; null for a URL or a forward-only stream.</summary>
    public long? DocumentLength { get; }

    /// <summary>The name sent with the document; null for a URL sent without one.</summary>
    public string? FileName { get; }

    /// <summary>False once a forward-only stream has been read and cannot be sent again.</summary>
    public bool CanSendAgain => _document?.CanSendAgain ?? true;

    public static PreparedUpload ForDocument(string fileName, DocumentBody document) => new(fileName, document, null, null, document.Length);

    public static PreparedUpload ForUrl(Uri url, string? fileName) => new(fileName, null, url, null, null);

    public static PreparedUpload ForBase64(string base64, string fileName, long decodedLength) => new(fileName, null, null, base64, decodedLength);

    /// <summary>A fresh body for one attempt; its document's bytes are counted for <paramref name="progress"/> as they are written.</summary>
    public HttpContent CreateContent(EnqueueFields fields, ProgressReporter? progress) => _document is not null
        ? new MultipartUploadContent(fields, FileName!, _document, progress)
        : new JsonUploadContent(fields with { FileName = FileName }, _url, _base64, DocumentLength, progress);

    public ValueTask DisposeAsync() => _document?.DisposeAsync() ?? default;
}
