using System;
using System.IO;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Mindee.Ocr.Progress;

namespace Mindee.Ocr.Input;

/// <summary>
/// An <c>application/json</c> enqueue body for a URL or base64 source. The small fields go
/// through <see cref="Utf8JsonWriter"/>; base64 text, which can be large, is written last and
/// in chunks straight from the caller's string (its alphabet needs no JSON escaping).
/// </summary>
internal sealed class JsonUploadContent : StreamingContent
{
    private readonly EnqueueFields _fields;
    private readonly Uri? _url;
    private readonly string? _base64;
    private readonly long? _decodedLength;
    private readonly ProgressReporter? _progress;

    public JsonUploadContent(EnqueueFields fields, Uri? url, string? base64, long? decodedLength = null, ProgressReporter? progress = null)
    {
        _fields = fields;
        _url = url;
        _base64 = base64;
        _decodedLength = decodedLength;
        _progress = progress;
        Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
    }

    protected override async Task WriteAsync(Stream stream, CancellationToken cancellationToken)
    {
        var writer = new Utf8JsonWriter(stream);
        await using (writer.ConfigureAwait(false))
        {
            writer.WriteStartObject();
            writer.WriteString("model_id"u8, _fields.ModelId);
            if (_url is not null)
            {
                writer.WriteString("url"u8, _url.AbsoluteUri);
            }

            if (_fields.FileName is not null)
            {
                writer.WriteString("filename"u8, _fields.FileName);
            }

            if (_fields.Alias is not null)
            {
                writer.WriteString("alias"u8, _fields.Alias);
            }

            if (_fields.WebhookIds.Count > 0)
            {
                writer.WriteStartArray("webhook_ids"u8);
                foreach (var id in _fields.WebhookIds)
                {
                    writer.WriteStringValue(id);
                }

                writer.WriteEndArray();
            }

            if (_base64 is null)
            {
                _progress?.UploadStarted(); // a URL: no document bytes leave the client
                writer.WriteEndObject();
                await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                return;
            }

            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        // The object is still open: add the last property by hand.
        await stream.WriteAsync(",\"file_base64\":\""u8.ToArray(), cancellationToken).ConfigureAwait(false);
        _progress?.UploadStarted();
        await Base64Text.WriteAsync(_base64, stream, cancellationToken).ConfigureAwait(false);

        // The text is written in one pass from the caller's string; it counts as sent once written,
        // in the bytes it decodes to (the document's own size).
        _progress?.Uploaded(_decodedLength ?? 0);
        _progress?.UploadEnded();
        await stream.WriteAsync("\"}"u8.ToArray(), cancellationToken).ConfigureAwait(false);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
