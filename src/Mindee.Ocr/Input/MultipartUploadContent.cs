using System;
using System.IO;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Mindee.Ocr.Progress;

namespace Mindee.Ocr.Input;

/// <summary>
/// A <c>multipart/form-data</c> body whose file part streams from the document. The form fields
/// come first; the file name travels as the field <c>filename</c> and as the file part's raw
/// UTF-8 <c>filename</c> parameter, quotes and backslashes escaped (RFC 7578 §4.2 rules out
/// <c>filename*</c>). The length is known, and sent, whenever the document's is.
/// </summary>
internal sealed class MultipartUploadContent : StreamingContent
{
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    private readonly DocumentBody _body;
    private readonly byte[] _head;
    private readonly byte[] _tail;
    private readonly ProgressReporter? _progress;

    public MultipartUploadContent(EnqueueFields fields, string fileName, DocumentBody body, ProgressReporter? progress = null)
    {
        _body = body;
        _progress = progress;
        var boundary = "mindee-ocr-" + Guid.NewGuid().ToString("N");
        var head = new StringBuilder();
        AppendField(head, boundary, "model_id", fields.ModelId);
        AppendField(head, boundary, "filename", fileName);
        if (fields.Alias is not null)
        {
            AppendField(head, boundary, "alias", fields.Alias);
        }

        foreach (var id in fields.WebhookIds)
        {
            AppendField(head, boundary, "webhook_ids", id);
        }

        head.Append("--").Append(boundary).Append("\r\n")
            .Append("Content-Disposition: form-data; name=\"file\"; filename=\"").Append(Escape(fileName)).Append("\"\r\n")
            .Append("Content-Type: ").Append(body.ContentType).Append("\r\n\r\n");
        _head = Utf8.GetBytes(head.ToString());
        _tail = Utf8.GetBytes("\r\n--" + boundary + "--\r\n");
        Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary=\"{boundary}\"");
    }

    public override Exception? SendFailure => _body.SourceFailure;

    protected override async Task WriteAsync(Stream stream, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(_head, cancellationToken).ConfigureAwait(false);
        if (_progress is null)
        {
            await _body.WriteToAsync(stream, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // Only the document's own bytes are counted: the framing around it is not the caller's.
            _progress.UploadStarted();
            await _body.WriteToAsync(new ProgressStream(stream, _progress), cancellationToken).ConfigureAwait(false);
            _progress.UploadEnded();
        }

        await stream.WriteAsync(_tail, cancellationToken).ConfigureAwait(false);
    }

    protected override bool TryComputeLength(out long length)
    {
        if (_body.Length is { } bodyLength)
        {
            length = _head.Length + bodyLength + _tail.Length;
            return true;
        }

        length = 0;
        return false;
    }

    private static void AppendField(StringBuilder text, string boundary, string name, string value) =>
        text.Append("--").Append(boundary).Append("\r\n")
            .Append("Content-Disposition: form-data; name=\"").Append(name).Append("\"\r\n")
            .Append("Content-Type: text/plain; charset=utf-8\r\n\r\n")
            .Append(value).Append("\r\n");

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}
