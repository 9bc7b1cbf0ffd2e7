using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Mindee.Ocr;

/// <summary>
/// The Mindee OCR API v2: send a document, wait for its job, read every page's text and every
/// word with its polygon. Implementations are thread-safe and meant to be shared.
/// </summary>
public interface IMindeeOcrClient
{
    /// <summary>Sends a document to be processed and returns its job, without waiting for the result.</summary>
    /// <param name="input">The document: a file, stream, bytes, base64 text or an HTTPS URL.</param>
    /// <param name="options">Model id, alias, webhooks and file name for this document; null for the client's defaults.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    /// <returns>The new job; keep its <see cref="OcrJob.Id"/> to wait for the result later.</returns>
    /// <exception cref="System.ArgumentException">The input or options are invalid (nothing was sent).</exception>
    /// <exception cref="System.IO.FileNotFoundException">The file does not exist (nothing was sent).</exception>
    /// <exception cref="MindeeOcrException">The service or the network failed; see <see cref="MindeeOcrException.DocumentMayHaveBeenEnqueued"/>.</exception>
    Task<OcrJob> EnqueueAsync(OcrInput input, EnqueueOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Reads a job's current state once.</summary>
    /// <param name="jobId">The job's id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The job as the service reports it now.</returns>
    /// <exception cref="System.ArgumentException"><paramref name="jobId"/> is empty or not an id.</exception>
    /// <exception cref="MindeeOcrException">The service or the network failed.</exception>
    Task<OcrJob> GetJobAsync(string jobId, CancellationToken cancellationToken = default);

    /// <summary>Reads the result of a processed document.</summary>
    /// <param name="inferenceId">The inference's id (the same value as its job's id).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>Every page's text and every word with its polygon.</returns>
    /// <exception cref="System.ArgumentException"><paramref name="inferenceId"/> is empty or not an id.</exception>
    /// <exception cref="MindeeOcrApiException">Status 404: unknown, expired, or deleted after a first fetch.</exception>
    /// <exception cref="MindeeOcrException">The service or the network failed.</exception>
    Task<OcrInference> GetResultAsync(string inferenceId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Polls a job until it is processed and returns its result. Works from the id alone, so a
    /// restarted process, or a caller whose wait timed out, can resume. The first poll is immediate.
    /// </summary>
    /// <param name="jobId">The job's id.</param>
    /// <param name="cancellationToken">Cancels the waiting (not the job).</param>
    /// <returns>Every page's text and every word with its polygon.</returns>
    /// <exception cref="MindeeOcrJobFailedException">The service could not process the document.</exception>
    /// <exception cref="MindeeOcrTimeoutException">The deadline of <see cref="PollingOptions.Timeout"/> passed.</exception>
    /// <exception cref="MindeeOcrWaitCanceledException">The token was cancelled; the job goes on.</exception>
    /// <exception cref="MindeeOcrException">The service or the network failed for good.</exception>
    Task<OcrInference> WaitForResultAsync(string jobId, CancellationToken cancellationToken);

    /// <summary>
    /// Polls a job until it is processed and returns its result, with this call's own schedule,
    /// deadline and progress (see <see cref="WaitOptions"/>). The first poll is immediate.
    /// </summary>
    /// <param name="jobId">The job's id.</param>
    /// <param name="wait">This call's polling schedule and deadline, and where its progress goes; null for the client's schedule and no progress.</param>
    /// <param name="cancellationToken">Cancels the waiting (not the job).</param>
    /// <returns>Every page's text and every word with its polygon.</returns>
    /// <exception cref="System.ArgumentException"><paramref name="jobId"/> is not an id, or <see cref="WaitOptions.Polling"/> is invalid (nothing was sent).</exception>
    /// <exception cref="MindeeOcrJobFailedException">The service could not process the document.</exception>
    /// <exception cref="MindeeOcrTimeoutException">The deadline of the call's (else the client's) <see cref="PollingOptions.Timeout"/> passed.</exception>
    /// <exception cref="MindeeOcrWaitCanceledException">The token was cancelled; the job goes on.</exception>
    /// <exception cref="MindeeOcrException">The service or the network failed for good.</exception>
    Task<OcrInference> WaitForResultAsync(string jobId, WaitOptions? wait = null, CancellationToken cancellationToken = default);

    /// <summary>Sends a document, waits for its job and returns the result: the call most applications need.</summary>
    /// <example>
    /// <code>
    /// OcrInference result = await client.EnqueueAndWaitAsync(new FileInfo("invoice.pdf"));
    /// Console.WriteLine(result.Result.Pages[0].Content);
    /// </code>
    /// </example>
    /// <param name="input">The document: a file, stream, bytes, base64 text or an HTTPS URL.</param>
    /// <param name="options">Model id, alias, webhooks and file name for this document; null for the client's defaults.</param>
    /// <param name="cancellationToken">Cancels the upload or the waiting; once enqueued, the job goes on.</param>
    /// <returns>Every page's text and every word with its polygon.</returns>
    /// <exception cref="System.ArgumentException">The input or options are invalid (nothing was sent).</exception>
    /// <exception cref="MindeeOcrJobFailedException">The service could not process the document.</exception>
    /// <exception cref="MindeeOcrTimeoutException">The deadline passed; resume with its <see cref="MindeeOcrTimeoutException.JobId"/>.</exception>
    /// <exception cref="MindeeOcrWaitCanceledException">The token was cancelled after the enqueue; resume with its <see cref="MindeeOcrWaitCanceledException.JobId"/>.</exception>
    /// <exception cref="MindeeOcrException">The service or the network failed.</exception>
    Task<OcrInference> EnqueueAndWaitAsync(OcrInput input, EnqueueOptions? options, CancellationToken cancellationToken);

    /// <summary>
    /// Sends a document, waits for its job and returns the result, with this call's own schedule,
    /// deadline and progress (see <see cref="WaitOptions"/>): the upload's bytes while it streams,
    /// then <see cref="OcrProgressStage.Queued"/>, each poll, <see cref="OcrProgressStage.Fetching"/>
    /// and <see cref="OcrProgressStage.Done"/>.
    /// </summary>
    /// <example>
    /// <code>
    /// var wait = new WaitOptions
    /// {
    ///     Polling = new PollingOptions { Timeout = TimeSpan.FromSeconds(20) },
    ///     Progress = new Progress&lt;OcrProgress&gt;(p => bar.Value = p.TotalBytes is { } total ? 100.0 * p.BytesSent / total : 0),
    /// };
    /// OcrInference result = await client.EnqueueAndWaitAsync(new FileInfo("invoice.pdf"), null, wait, cancellationToken);
    /// </code>
    /// </example>
    /// <param name="input">The document: a file, stream, bytes, base64 text or an HTTPS URL.</param>
    /// <param name="options">Model id, alias, webhooks and file name for this document; null for the client's defaults.</param>
    /// <param name="wait">This call's polling schedule and deadline, and where its progress goes; null for the client's schedule and no progress.</param>
    /// <param name="cancellationToken">Cancels the upload or the waiting; once enqueued, the job goes on.</param>
    /// <returns>Every page's text and every word with its polygon.</returns>
    /// <exception cref="System.ArgumentException">The input, options or <see cref="WaitOptions.Polling"/> are invalid (nothing was sent).</exception>
    /// <exception cref="MindeeOcrJobFailedException">The service could not process the document.</exception>
    /// <exception cref="MindeeOcrTimeoutException">The deadline passed; resume with its <see cref="MindeeOcrTimeoutException.JobId"/>.</exception>
    /// <exception cref="MindeeOcrWaitCanceledException">The token was cancelled after the enqueue; resume with its <see cref="MindeeOcrWaitCanceledException.JobId"/>.</exception>
    /// <exception cref="MindeeOcrException">The service or the network failed.</exception>
    Task<OcrInference> EnqueueAndWaitAsync(OcrInput input, EnqueueOptions? options = null, WaitOptions? wait = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Processes many documents under the service's rate limits and hands each back as it
    /// finishes (in completion order). Inputs are read one at a time as documents finish, so the
    /// sequence may be endless or lazily listed. One document's failure is an item with its
    /// error, never the end of the batch. With <see cref="OcrBatchOptions.Journal"/>, a run after
    /// a crash or a cancellation skips completed documents and waits for enqueued ones by job id:
    /// no document is sent (and paid for) twice.
    /// </summary>
    /// <example>
    /// <code>
    /// var files = Directory.EnumerateFiles("scans", "*.pdf").Select(OcrInput.FromFile);
    /// await foreach (OcrBatchItem item in client.ProcessManyAsync(files))
    /// {
    ///     Console.WriteLine(item.IsSuccess ? $"{item.Key}: {item.Result.Result.Pages.Count} pages" : $"{item.Key}: {item.Error.Message}");
    /// }
    /// </code>
    /// </example>
    /// <param name="inputs">The documents; read lazily, each once.</param>
    /// <param name="options">Concurrency, rate limiters, progress, journal and per-document settings; null for the defaults.</param>
    /// <param name="cancellationToken">Stops the batch: no new upload starts, uploads under way finish (and are journaled), waits stop.</param>
    /// <returns>Each document as it finishes.</returns>
    /// <exception cref="System.ArgumentNullException"><paramref name="inputs"/> is null.</exception>
    /// <exception cref="System.ArgumentException">No model id for the batch (nothing was sent).</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The two overloads differ by their input sequence, synchronous or asynchronous; the names are fixed by the API.")]
    IAsyncEnumerable<OcrBatchItem> ProcessManyAsync(IEnumerable<OcrInput> inputs, OcrBatchOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Processes many documents from an asynchronous sequence; see
    /// <see cref="ProcessManyAsync(IEnumerable{OcrInput}, OcrBatchOptions?, CancellationToken)"/>.
    /// </summary>
    /// <param name="inputs">The documents; read lazily, each once.</param>
    /// <param name="options">Concurrency, rate limiters, progress, journal and per-document settings; null for the defaults.</param>
    /// <param name="cancellationToken">Stops the batch: no new upload starts, uploads under way finish (and are journaled), waits stop.</param>
    /// <returns>Each document as it finishes.</returns>
    /// <exception cref="System.ArgumentNullException"><paramref name="inputs"/> is null.</exception>
    /// <exception cref="System.ArgumentException">No model id for the batch (nothing was sent).</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The two overloads differ by their input sequence, synchronous or asynchronous; the names are fixed by the API.")]
    IAsyncEnumerable<OcrBatchItem> ProcessManyAsync(IAsyncEnumerable<OcrInput> inputs, OcrBatchOptions? options = null, CancellationToken cancellationToken = default);
}
