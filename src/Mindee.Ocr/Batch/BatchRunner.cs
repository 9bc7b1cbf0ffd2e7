using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace Mindee.Ocr;

/// <summary>
/// Runs one batch: pulls inputs one at a time as slots free up (never listing them up front),
/// sends each through the enqueue gate, waits through the request gate, and hands finished
/// documents to the consumer in the order they finish. A document's slot frees once the consumer
/// has taken it, so a slow consumer slows the batch instead of piling up results.
/// </summary>
internal sealed class BatchRunner : IDisposable
{
    // A 429 whose Retry-After is past the client's longest retry delay holds the batch and the
    // document is sent again; this many times in a row at most, so a service that never lets up
    // still ends the item.
    private const int MaxHolds = 20;

    private readonly MindeeOcrClient _client;
    private readonly OcrBatchOptions _options;
    private readonly LimiterGate _enqueueGate;
    private readonly LimiterGate _requestGate;
    private readonly TimeProvider _time;
    private readonly BatchProgress _progress;
    private readonly HashSet<ulong> _keys = [];
    private readonly Channel<OcrBatchItem> _finished = Channel.CreateUnbounded<OcrBatchItem>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim _slots;

    public BatchRunner(MindeeOcrClient client, OcrBatchOptions options, LimiterGate enqueueGate, LimiterGate requestGate, int? total)
    {
        _client = client;
        _options = options;
        _enqueueGate = enqueueGate;
        _requestGate = requestGate;
        _time = client.Time;
        _slots = new SemaphoreSlim(options.MaxConcurrency, options.MaxConcurrency);
        _progress = new BatchProgress(options.Progress, _time, total);
    }

    public void Dispose() => _slots.Dispose();

    public async IAsyncEnumerable<OcrBatchItem> RunAsync(IAsyncEnumerable<OcrInput> inputs, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = Task.Run(() => ProduceAsync(inputs, stop.Token), CancellationToken.None);
        try
        {
            var reader = _finished.Reader;
            while (await reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
            {
                while (reader.TryRead(out var item))
                {
                    yield return item;

                    // The consumer moved past the item: it is done for good.
                    if (item.Status == OcrBatchItemStatus.Succeeded && _options.Journal is { } journal)
                    {
                        await journal.RecordAsync(new OcrBatchJournalEntry { Key = item.Key, State = OcrBatchJournalState.Completed, JobId = item.JobId }, CancellationToken.None).ConfigureAwait(false);
                    }

                    _slots.Release();
                }
            }

            // Every document ended (or the batch stopped): surface why it stopped, if it did.
            await producer.ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
        finally
        {
            // The consumer stopped early, or the batch was cancelled: start nothing new, let uploads
            // under way finish and be journaled, stop the waits (resumed by id next time).
            stop.Cancel();
            await DrainAsync(producer).ConfigureAwait(false);
            _progress.Report(force: true);
            Dispose();
        }
    }

    private async Task DrainAsync(Task producer)
    {
        try
        {
            await producer.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Already surfaced to the consumer, or the consumer is gone.
        }

        while (_finished.Reader.TryRead(out _))
        {
        }
    }

    private async Task ProduceAsync(IAsyncEnumerable<OcrInput> inputs, CancellationToken stop)
    {
        var workers = new HashSet<Task>();
        Exception? failure = null;
        try
        {
            var enumerator = inputs.GetAsyncEnumerator(stop);
            await using (enumerator.ConfigureAwait(false))
            {
                int index = 0;
                while (true)
                {
                    await _slots.WaitAsync(stop).ConfigureAwait(false);
                    bool more;
                    try
                    {
                        more = await enumerator.MoveNextAsync().ConfigureAwait(false);
                    }
                    catch
                    {
                        _slots.Release();
                        throw;
                    }

                    if (!more)
                    {
                        _slots.Release();
                        break;
                    }

                    var input = enumerator.Current;
                    int at = index++;
                    _progress.Started();
                    var start = Identify(at, input); // in input order: of two inputs with one key, the first is sent
                    var worker = Task.Run(() => RunOneAsync(at, input, start, stop), CancellationToken.None);
                    lock (workers)
                    {
                        workers.Add(worker);
                    }

                    _ = worker.ContinueWith(
                        static (done, state) =>
                        {
                            var set = (HashSet<Task>)state!;
                            lock (set)
                            {
                                set.Remove(done);
                            }
                        },
                        workers,
                        CancellationToken.None,
                        TaskContinuationOptions.ExecuteSynchronously,
                        TaskScheduler.Default);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped: no more inputs are read.
        }
        catch (Exception ex)
        {
            failure = ex; // the input sequence itself failed: the batch ends with its exception
        }

        Task[] pending;
        lock (workers)
        {
            pending = [.. workers];
        }

        await Task.WhenAll(pending).ConfigureAwait(false);
        _finished.Writer.TryComplete(failure);
    }

    /// <summary>The document's settings and key, or the item it fails with before anything is sent.</summary>
    private (EnqueueOptions Options, string Key, OcrBatchItem? Refused) Identify(int index, OcrInput? input)
    {
        if (input is null)
        {
            return (new EnqueueOptions(), "(null input)", Failed(index, "(null input)", null, new ArgumentNullException(nameof(input), $"Input {index} of the batch is null.")));
        }

        EnqueueOptions options;
        try
        {
            options = _options.EnqueueOptionsFor?.Invoke(input, index) ?? new EnqueueOptions();
        }
        catch (Exception ex)
        {
            return (new EnqueueOptions(), input.Key, Failed(index, input.Key, null, ex));
        }

        string key = string.IsNullOrEmpty(options.Alias) ? input.Key : options.Alias!;
        return ClaimKey(key)
            ? (options, key, null)
            : (options, key, Failed(index, key, null, new ArgumentException(
                $"Input {index} has the key \"{key}\", as an earlier input of this batch does; it was not sent. Give such inputs aliases of their own (EnqueueOptionsFor) to tell them apart.")));
    }

    private async Task RunOneAsync(int index, OcrInput? input, (EnqueueOptions Options, string Key, OcrBatchItem? Refused) start, CancellationToken stop)
    {
        OcrBatchItem? item = start.Refused;
        string key = start.Key;
        try
        {
            item ??= await ProcessAsync(index, input!, start.Options, key, stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Not started, or its wait stopped: reported by the next run.
        }
        catch (MindeeOcrWaitCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            item = Failed(index, key, null, ex);
        }

        if (item is null)
        {
            _progress.Abandoned();
            _slots.Release();
            return;
        }

        _progress.Ended(item.Status);
        if (!_finished.Writer.TryWrite(item))
        {
            _slots.Release();
        }
    }

    private async Task<OcrBatchItem> ProcessAsync(int index, OcrInput input, EnqueueOptions enqueueOptions, string key, CancellationToken stop)
    {
        var journal = _options.Journal;
        var entry = journal is null ? null : await journal.FindAsync(key, stop).ConfigureAwait(false);
        switch (entry?.State)
        {
            case OcrBatchJournalState.Completed:
                return new OcrBatchItem { Index = index, Key = key, Status = OcrBatchItemStatus.Skipped, JobId = entry.JobId };
            case OcrBatchJournalState.MayHaveBeenEnqueued:
                return Failed(index, key, null, new InvalidOperationException(
                    $"\"{key}\" may have been enqueued by an earlier run (its upload failed after it was sent, so its job id is unknown); it was not sent again, not to pay for it twice. Remove its line from the journal to send it again."));
        }

        string? jobId = entry?.State == OcrBatchJournalState.Enqueued ? entry.JobId : null;
        bool resumed = jobId is not null;
        if (jobId is null)
        {
            stop.ThrowIfCancellationRequested();
            var job = await EnqueueAsync(input, enqueueOptions, key, stop).ConfigureAwait(false);
            jobId = job.Id;
            if (journal is not null)
            {
                await journal.RecordAsync(new OcrBatchJournalEntry { Key = key, State = OcrBatchJournalState.Enqueued, JobId = jobId }, CancellationToken.None).ConfigureAwait(false);
            }
        }

        try
        {
            var result = await _client.WaitForBatchAsync(jobId, justEnqueued: !resumed, _requestGate, stop).ConfigureAwait(false);
            return new OcrBatchItem { Index = index, Key = key, Status = OcrBatchItemStatus.Succeeded, JobId = jobId, Result = result };
        }
        catch (MindeeOcrApiException ex) when (resumed && ex.Status == 404)
        {
            return Failed(index, key, jobId, new MindeeOcrException(
                $"The job {jobId} of \"{key}\", enqueued by an earlier run, is no longer on the service (404): its result expired, or was deleted when it was first fetched (the account's \"delete results once fetched\" option). The document was not sent again.",
                MindeeOcrFailureKind.ErrorStatus,
                ex));
        }
        catch (MindeeOcrException ex)
        {
            return Failed(index, key, jobId, ex);
        }
    }

    private async Task<OcrJob> EnqueueAsync(OcrInput input, EnqueueOptions options, string key, CancellationToken stop)
    {
        var gate = new StopAwareGate(_enqueueGate, stop);
        var bytes = _progress.ForDocument();
        for (int holds = 0; ; holds++)
        {
            try
            {
                return await _client.EnqueueForBatchAsync(input, options, bytes, gate, stop).ConfigureAwait(false);
            }
            catch (MindeeOcrApiException ex) when (ex.Status == 429 && ex.RetryAfter is { } wait && wait > _client.Settings.RetryMaxDelay && holds < MaxHolds)
            {
                // Rate limited for longer than the client waits on its own: the gate holds the whole
                // batch that long (the transport set the hold), then the document goes again. A 429
                // means the service did not take it.
            }
            catch (MindeeOcrException ex) when (ex.DocumentMayHaveBeenEnqueued && _options.Journal is { } journal)
            {
                await journal.RecordAsync(new OcrBatchJournalEntry { Key = key, State = OcrBatchJournalState.MayHaveBeenEnqueued }, CancellationToken.None).ConfigureAwait(false);
                throw;
            }
        }
    }

    private bool ClaimKey(string key)
    {
        // 64-bit FNV-1a of the key: a batch over a million inputs keeps 8 bytes per key, not the keys.
        ulong hash = 14695981039346656037;
        foreach (char c in key)
        {
            hash = (hash ^ c) * 1099511628211;
        }

        lock (_keys)
        {
            return _keys.Add(hash);
        }
    }

    private static OcrBatchItem Failed(int index, string key, string? jobId, Exception error) =>
        new() { Index = index, Key = key, Status = OcrBatchItemStatus.Failed, JobId = jobId, Error = error };
}
