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
/// has taken it, so a slow consumer slows the batch instead of piling up results. One runner per
/// enumeration of the batch's sequence.
/// </summary>
internal sealed class BatchRunner : IDisposable
{
    // A 429 whose Retry-After is past the client's longest retry delay holds the batch and the
    // request is sent again; this many times in a row at most, so a service that never lets up
    // still ends the item.
    internal const int MaxHolds = 20;

    private readonly MindeeOcrClient _client;
    private readonly OcrBatchOptions _options;
    private readonly LimiterGate _enqueueGate;
    private readonly LimiterGate _requestGate;
    private readonly BatchProgress _progress;
    private readonly HashSet<ulong> _keys = [];
    private readonly Channel<OcrBatchItem> _finished = Channel.CreateUnbounded<OcrBatchItem>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim _slots;
    private readonly CancellationTokenSource _stop = new();
    private Exception? _fatal;

    public BatchRunner(MindeeOcrClient client, OcrBatchOptions options, LimiterGate enqueueGate, LimiterGate requestGate, int? total)
    {
        _client = client;
        _options = options;
        _enqueueGate = enqueueGate;
        _requestGate = requestGate;
        _slots = new SemaphoreSlim(options.MaxConcurrency, options.MaxConcurrency);
        _progress = new BatchProgress(options.Progress, client.Time, total);
    }

    public void Dispose()
    {
        _slots.Dispose();
        _stop.Dispose();
    }

    /// <param name="inputs">The documents.</param>
    /// <param name="callerToken">The token given to <c>ProcessManyAsync</c>.</param>
    /// <param name="cancellationToken">The token given to the enumeration (<c>WithCancellation</c>).</param>
    public async IAsyncEnumerable<OcrBatchItem> RunAsync(IAsyncEnumerable<OcrInput> inputs, CancellationToken callerToken, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var stopOnCaller = callerToken.Register(static s => ((CancellationTokenSource)s!).Cancel(), _stop);
        var stopOnCancel = cancellationToken.Register(static s => ((CancellationTokenSource)s!).Cancel(), _stop);
        var producer = Task.Run(() => ProduceAsync(inputs, _stop.Token), CancellationToken.None);
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
            callerToken.ThrowIfCancellationRequested();
            cancellationToken.ThrowIfCancellationRequested();
        }
        finally
        {
            // The consumer stopped early, or the batch was cancelled: start nothing new, let uploads
            // under way finish and be journaled, stop the waits (resumed by id next time).
            _stop.Cancel();
            await DrainAsync(producer).ConfigureAwait(false);
            _progress.Report(force: true);
            stopOnCaller.Dispose(); // before the source they cancel is disposed
            stopOnCancel.Dispose();
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
                    var start = Identify(at, input); // in input order: of two inputs with one key, the first is sent
                    _progress.Started();
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
        finally
        {
            Task[] pending;
            lock (workers)
            {
                pending = [.. workers];
            }

            try
            {
                await Task.WhenAll(pending).ConfigureAwait(false); // workers never throw; belt and braces
            }
            catch (Exception ex)
            {
                failure ??= ex;
            }

            _finished.Writer.TryComplete(Volatile.Read(ref _fatal) ?? failure);
        }
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

    /// <summary>Processes one document; never throws: it ends with an item, or (stopped before anything was sent) with none.</summary>
    private async Task RunOneAsync(int index, OcrInput? input, (EnqueueOptions Options, string Key, OcrBatchItem? Refused) start, CancellationToken stop)
    {
        OcrBatchItem? item = start.Refused;
        var document = new Document(index, start.Key);
        try
        {
            item ??= await ProcessAsync(input!, start.Options, document, stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested && document.JobId is null)
        {
            // Stopped before it was sent: the next run starts it afresh.
        }
        catch (Exception ex)
        {
            // Stopped while waiting (the job goes on: its id is in the item, and in the journal),
            // or failed: either way an item, never a lost document.
            item = Failed(index, start.Key, document.JobId, ex is OperationCanceledException and not MindeeOcrWaitCanceledException && document.JobId is { } id
                ? new MindeeOcrWaitCanceledException(id, ex, stop)
                : ex);
        }

        try
        {
            if (item is null)
            {
                _progress.Abandoned();
                _slots.Release();
                return;
            }

            _progress.Ended(item.Status);
        }
        finally
        {
            if (item is not null && !_finished.Writer.TryWrite(item))
            {
                _slots.Release();
            }
        }
    }

    private async Task<OcrBatchItem> ProcessAsync(OcrInput input, EnqueueOptions enqueueOptions, Document document, CancellationToken stop)
    {
        var (index, key) = (document.Index, document.Key);
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

        document.JobId = entry?.State == OcrBatchJournalState.Enqueued ? entry.JobId : null;
        bool resumed = document.JobId is not null;
        if (document.JobId is null)
        {
            stop.ThrowIfCancellationRequested();
            OcrJob job;
            try
            {
                job = await _client.EnqueueForBatchAsync(input, enqueueOptions, _progress.ForDocument(), new StopAwareGate(_enqueueGate, stop), CanHold, stop).ConfigureAwait(false);
            }
            catch (MindeeOcrException ex) when (ex.DocumentMayHaveBeenEnqueued && journal is not null)
            {
                await RecordOrStopAsync(journal, new OcrBatchJournalEntry { Key = key, State = OcrBatchJournalState.MayHaveBeenEnqueued }).ConfigureAwait(false);
                throw;
            }

            document.JobId = job.Id;
            if (journal is not null)
            {
                await RecordOrStopAsync(journal, new OcrBatchJournalEntry { Key = key, State = OcrBatchJournalState.Enqueued, JobId = job.Id }).ConfigureAwait(false);
            }
        }

        string jobId = document.JobId;
        for (int holds = 0; ; holds++)
        {
            try
            {
                var result = await _client.WaitForBatchAsync(jobId, justEnqueued: !resumed && holds == 0, _requestGate, stop).ConfigureAwait(false);
                return new OcrBatchItem { Index = index, Key = key, Status = OcrBatchItemStatus.Succeeded, JobId = jobId, Result = result };
            }
            catch (MindeeOcrApiException ex) when (CanHold(ex) && holds < MaxHolds)
            {
                // The result fetch was rate limited for longer than the client waits on its own: the
                // gate holds every request that long (the transport set the hold), then the wait goes on.
            }
            catch (MindeeOcrApiException ex) when (resumed && ex.Status == 404)
            {
                return Failed(index, key, jobId, new MindeeOcrException(
                    $"The job {jobId} of \"{key}\", enqueued by an earlier run, is no longer on the service (404): its result expired, or was deleted when it was first fetched (the account's \"delete results once fetched\" option). The document was not sent again.",
                    MindeeOcrFailureKind.ErrorStatus,
                    ex));
            }
        }
    }

    /// <summary>A 429 whose <c>Retry-After</c> the client does not wait out on its own, but the batch may hold for.</summary>
    private bool CanHold(MindeeOcrApiException failure) =>
        failure.Status == 429 && failure.RetryAfter is { } wait && wait > _client.Settings.RetryMaxDelay && wait <= LimiterGate.MaxHold;

    /// <summary>
    /// Journals an entry. A journal that cannot record stops the batch: sending more documents
    /// that a later run would not know about could make it pay for them twice.
    /// </summary>
    private async Task RecordOrStopAsync(IOcrBatchJournal journal, OcrBatchJournalEntry entry)
    {
        try
        {
            await journal.RecordAsync(entry, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            var fatal = new InvalidOperationException(
                $"The batch journal could not record \"{entry.Key}\" ({entry.State}{(entry.JobId is null ? string.Empty : ", job " + entry.JobId)}): {ex.Message} The batch stopped: documents sent now could be sent again by a later run.",
                ex);
            Interlocked.CompareExchange(ref _fatal, fatal, null);
            _stop.Cancel();
            throw fatal;
        }
    }

    private bool ClaimKey(string key)
    {
        // 64-bit FNV-1a of the key: a batch over a million inputs keeps a number per key, not the keys.
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

    /// <summary>What is known of a document while it is processed: its job id once enqueued.</summary>
    private sealed class Document(int index, string key)
    {
        public int Index { get; } = index;

        public string Key { get; } = key;

        public string? JobId { get; set; }
    }
}
