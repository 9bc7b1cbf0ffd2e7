using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using Mindee.Ocr.Input;

namespace Mindee.Ocr;

/// <summary>
/// A document to send: a file, a stream, bytes, base64 text or an HTTPS URL. The factories only
/// check their arguments; the document itself (existence, size, type) is checked by the enqueue,
/// before anything is sent. Files and streams are streamed to the service, never read whole.
/// </summary>
/// <example>
/// <code>
/// await client.EnqueueAndWaitAsync(new FileInfo("scan.pdf"));                   // implicit conversion
/// await client.EnqueueAndWaitAsync(OcrInput.FromStream(upload, "scan.pdf"));
/// await client.EnqueueAndWaitAsync(new Uri("https://example.com/scan.pdf"));    // the service downloads it
/// </code>
/// </example>
public abstract class OcrInput
{
    private protected OcrInput(OcrInputKind kind, string? fileName)
    {
        Kind = kind;
        FileName = fileName;
    }

    /// <summary>Where the document comes from.</summary>
    public OcrInputKind Kind { get; }

    /// <summary>The document's own name (a file's name, or the one given); null for a URL.</summary>
    public string? FileName { get; }

    /// <summary>A file on disk, opened when the document is sent and closed afterwards.</summary>
    /// <param name="path">The file's path.</param>
    /// <returns>The input.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null, empty or white space.</exception>
    public static OcrInput FromFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new FileSource(path);
    }

    /// <summary>A file on disk, opened when the document is sent and closed afterwards.</summary>
    /// <param name="file">The file.</param>
    /// <returns>The input.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="file"/> is null.</exception>
    public static OcrInput FromFile(FileInfo file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return new FileSource(file.FullName);
    }

    /// <summary>
    /// A stream, read from its current position (a forward-only stream works too). The client
    /// never disposes it. A seekable stream can be sent again after a rate limit; a forward-only
    /// one cannot, once read.
    /// </summary>
    /// <param name="stream">The document's bytes.</param>
    /// <param name="fileName">The name to send, such as <c>invoice.pdf</c>.</param>
    /// <returns>The input.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="stream"/> cannot be read, or <paramref name="fileName"/> is empty.</exception>
    public static OcrInput FromStream(Stream stream, string fileName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead)
        {
            throw new ArgumentException("The stream cannot be read (closed, or write-only).", nameof(stream));
        }

        return new StreamSource(stream, FileNames.Check(fileName, nameof(fileName)));
    }

    /// <summary>Bytes in memory; sent from that memory, not copied.</summary>
    /// <param name="bytes">The document's bytes.</param>
    /// <param name="fileName">The name to send, such as <c>invoice.pdf</c>.</param>
    /// <returns>The input.</returns>
    /// <exception cref="ArgumentException"><paramref name="fileName"/> is empty.</exception>
    public static OcrInput FromBytes(ReadOnlyMemory<byte> bytes, string fileName) =>
        new BytesSource(bytes, FileNames.Check(fileName, nameof(fileName)));

    /// <summary>
    /// Base64 text, sent as <c>file_base64</c>. Mindee advises against it (a third larger than the
    /// file); prefer <see cref="FromStream"/> or <see cref="FromBytes"/> when you have the bytes.
    /// </summary>
    /// <param name="base64">The document, base64-encoded.</param>
    /// <param name="fileName">The name to send, such as <c>invoice.pdf</c>.</param>
    /// <returns>The input.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="base64"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="fileName"/> is empty.</exception>
    public static OcrInput FromBase64(string base64, string fileName)
    {
        ArgumentNullException.ThrowIfNull(base64);
        return new Base64Source(base64, FileNames.Check(fileName, nameof(fileName)));
    }

    /// <summary>An HTTPS URL the service downloads the document from (it does not follow redirects).</summary>
    /// <param name="url">An absolute <c>https://</c> URL of at most 2,048 characters.</param>
    /// <returns>The input.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="url"/> is null.</exception>
    public static OcrInput FromUrl(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return new UrlSource(url);
    }

    /// <summary>A file on disk; same as <see cref="FromFile(FileInfo)"/>.</summary>
    /// <param name="file">The file.</param>
    public static implicit operator OcrInput(FileInfo file) => FromFile(file);

    /// <summary>An HTTPS URL; same as <see cref="FromUrl(Uri)"/>.</summary>
    /// <param name="url">The URL.</param>
    public static implicit operator OcrInput(Uri url) => FromUrl(url);

    /// <summary>A file on disk; same as <see cref="FromFile(FileInfo)"/>.</summary>
    /// <param name="file">The file.</param>
    /// <returns>The input.</returns>
    public static OcrInput ToOcrInput(FileInfo file) => FromFile(file);

    /// <summary>An HTTPS URL; same as <see cref="FromUrl(Uri)"/>.</summary>
    /// <param name="url">The URL.</param>
    /// <returns>The input.</returns>
    public static OcrInput ToOcrInput(Uri url) => FromUrl(url);

    /// <summary>What identifies the input in a batch when it has no alias: the file's full path, the URL (without query or user info), or the given name.</summary>
    internal virtual string Key => FileName ?? Kind.ToString();

    /// <summary>The kind and name, such as <c>File invoice.pdf</c>; never the content.</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => FileName is null ? Kind.ToString() : $"{Kind} {FileName}";

    /// <summary>Checks the document and makes it ready to send; nothing is sent yet.</summary>
    internal abstract Task<PreparedUpload> PrepareAsync(string? fileNameOverride, bool checkType, CancellationToken cancellationToken);

    /// <summary>
    /// Opens the document's own bytes for a reader other than the upload (Mindee.Ocr.Pdf counts and
    /// selects pages with it): a file is opened now, a caller's stream is handed back as it is (at its
    /// current position, not to be disposed), bytes are read from their memory.
    /// </summary>
    /// <exception cref="ArgumentException">A base64 or URL input: it has no such bytes here.</exception>
    internal virtual Task<DocumentStream> OpenDocumentAsync(CancellationToken cancellationToken) =>
        throw new ArgumentException($"{this} is a {Kind} input: only a file, a stream or bytes can be read before they are sent.", "input");

    /// <summary>
    /// An input whose bytes are made when it is enqueued (Mindee.Ocr.Pdf writes the selected pages
    /// then), checked as a stream's are (size, type), and disposed with the upload when owned.
    /// </summary>
    internal static OcrInput Deferred(OcrInputKind kind, string? fileName, string key, Func<CancellationToken, Task<DocumentStream>> open)
    {
        ArgumentNullException.ThrowIfNull(open);
        return new DeferredSource(kind, fileName, key, open);
    }

    private static FileStream OpenFile(string path, bool forUpload)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new ArgumentException($"\"{full}\" is a directory, not a document file.", "input");
        }

        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"The document file \"{full}\" does not exist; nothing was sent.", full);
        }

        try
        {
            // The upload copies through its own buffer; any other reader (a PDF parser reads byte by
            // byte, seeking) gets the file stream's buffer.
            return forUpload
                ? new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.Asynchronous | FileOptions.SequentialScan)
                : new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 64 * 1024, FileOptions.RandomAccess);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException and not FileNotFoundException)
        {
            throw new ArgumentException($"The document file \"{full}\" cannot be read: {ex.Message}", "input", ex);
        }
    }

    /// <summary>Makes the upload of a document stream, disposing it (when owned) if a check fails.</summary>
    private static async Task<PreparedUpload> PrepareStreamAsync(DocumentStream document, string name, bool checkType, CancellationToken cancellationToken)
    {
        try
        {
            var body = await StreamDocumentBody.OpenAsync(document.Stream, document.OwnsStream, name, checkType, cancellationToken).ConfigureAwait(false);
            return PreparedUpload.ForDocument(name, body);
        }
        catch
        {
            await document.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private sealed class FileSource(string path) : OcrInput(OcrInputKind.File, Path.GetFileName(path))
    {
        internal override string Key => Path.GetFullPath(path);

        // Async, so that a missing file faults the task rather than throwing from the call itself.
        internal override async Task<PreparedUpload> PrepareAsync(string? fileNameOverride, bool checkType, CancellationToken cancellationToken) =>
            await PrepareStreamAsync(new DocumentStream(OpenFile(path, forUpload: true), ownsStream: true), fileNameOverride ?? FileName!, checkType, cancellationToken).ConfigureAwait(false);

        internal override Task<DocumentStream> OpenDocumentAsync(CancellationToken cancellationToken)
        {
            try
            {
                return Task.FromResult(new DocumentStream(OpenFile(path, forUpload: false), ownsStream: true));
            }
            catch (Exception ex)
            {
                return Task.FromException<DocumentStream>(ex);
            }
        }
    }

    private sealed class StreamSource(Stream stream, string fileName) : OcrInput(OcrInputKind.Stream, fileName)
    {
        internal override async Task<PreparedUpload> PrepareAsync(string? fileNameOverride, bool checkType, CancellationToken cancellationToken)
        {
            var name = fileNameOverride ?? FileName!;
            var body = await StreamDocumentBody.OpenAsync(stream, ownsStream: false, name, checkType, cancellationToken).ConfigureAwait(false);
            return PreparedUpload.ForDocument(name, body);
        }

        internal override Task<DocumentStream> OpenDocumentAsync(CancellationToken cancellationToken) =>
            Task.FromResult(new DocumentStream(stream, ownsStream: false));
    }

    private sealed class BytesSource(ReadOnlyMemory<byte> bytes, string fileName) : OcrInput(OcrInputKind.Bytes, fileName)
    {
        internal override Task<PreparedUpload> PrepareAsync(string? fileNameOverride, bool checkType, CancellationToken cancellationToken)
        {
            var name = fileNameOverride ?? FileName!;
            return Task.FromResult(PreparedUpload.ForDocument(name, MemoryDocumentBody.Create(bytes, name, checkType)));
        }

        internal override Task<DocumentStream> OpenDocumentAsync(CancellationToken cancellationToken)
        {
            // A read-only view of the caller's memory when it is an array (it nearly always is); a copy otherwise.
            var stream = MemoryMarshal.TryGetArray(bytes, out var segment)
                ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
                : new MemoryStream(bytes.ToArray(), writable: false);
            return Task.FromResult(new DocumentStream(stream, ownsStream: true));
        }
    }

    private sealed class Base64Source(string base64, string fileName) : OcrInput(OcrInputKind.Base64, fileName)
    {
        internal override Task<PreparedUpload> PrepareAsync(string? fileNameOverride, bool checkType, CancellationToken cancellationToken)
        {
            var name = fileNameOverride ?? FileName!;
            long size = Base64Text.CheckAndMeasure(base64, "input");
            if (size > UploadLimits.MaxDocumentBytes)
            {
                throw new ArgumentException($"The base64 document \"{name}\" decodes to {size:N0} bytes; the service takes at most {UploadLimits.MaxDocumentBytes:N0} (100 MB). Nothing was sent.", "input");
            }

            FileTypes.Require(Base64Text.DecodeHead(base64, UploadLimits.SniffLength), checkType, $"The base64 document \"{name}\"", "input");
            return Task.FromResult(PreparedUpload.ForBase64(base64, name, size));
        }
    }

    private sealed class UrlSource(Uri url) : OcrInput(OcrInputKind.Url, null)
    {
        // Without query or user info: a signed URL's signature changes each run, and must not reach a journal.
        internal override string Key => url.IsAbsoluteUri ? url.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped) : url.OriginalString;

        internal override Task<PreparedUpload> PrepareAsync(string? fileNameOverride, bool checkType, CancellationToken cancellationToken)
        {
            if (!url.IsAbsoluteUri)
            {
                throw new ArgumentException($"The URL \"{url}\" is relative; the service needs an absolute https:// URL.", "input");
            }

            if (url.Scheme != Uri.UriSchemeHttps)
            {
                throw new ArgumentException($"The URL \"{url.GetLeftPart(UriPartial.Path)}\" uses {url.Scheme}; the service downloads documents over https:// only.", "input");
            }

            if (url.AbsoluteUri.Length > UploadLimits.MaxUrlLength)
            {
                throw new ArgumentException($"The URL is {url.AbsoluteUri.Length:N0} characters long; the service takes at most {UploadLimits.MaxUrlLength:N0}.", "input");
            }

            return Task.FromResult(PreparedUpload.ForUrl(url, fileNameOverride));
        }
    }

    private sealed class DeferredSource(OcrInputKind kind, string? fileName, string key, Func<CancellationToken, Task<DocumentStream>> open) : OcrInput(kind, fileName)
    {
        internal override string Key => key;

        internal override async Task<PreparedUpload> PrepareAsync(string? fileNameOverride, bool checkType, CancellationToken cancellationToken)
        {
            var document = await open(cancellationToken).ConfigureAwait(false);
            return await PrepareStreamAsync(document, fileNameOverride ?? FileName ?? "document", checkType, cancellationToken).ConfigureAwait(false);
        }

        internal override Task<DocumentStream> OpenDocumentAsync(CancellationToken cancellationToken) => open(cancellationToken);
    }
}
