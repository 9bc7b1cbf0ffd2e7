using System;
using System.Threading;

namespace Mindee.Ocr.Progress;

/// <summary>
/// The progress of one call, reported to the caller's <see cref="IProgress{T}"/>: the stages as
/// they come, and the upload's bytes as they are written, at most <see cref="UploadReportsPerSecond"/>
/// times a second on the client's clock (plus one report when the document is fully written).
/// Null-tolerant by design: a call without a sink gets no reporter at all.
/// </summary>
internal sealed class ProgressReporter
{
    /// <summary>How often, at most, the upload's byte count is reported while it streams.</summary>
    public const int UploadReportsPerSecond = 4;

    private static readonly TimeSpan UploadReportInterval = TimeSpan.FromSeconds(1.0 / UploadReportsPerSecond);

    private readonly IProgress<OcrProgress> _sink;
    private readonly TimeProvider _time;
    private readonly long _started;
    private long _bytesSent;
    private long _lastUploadReport;
    private long _lastReportedBytes = -1;
    private int _polls;

    public ProgressReporter(IProgress<OcrProgress> sink, TimeProvider time)
    {
        _sink = sink;
        _time = time;
        _started = time.GetTimestamp();
    }

    /// <summary>The document's size when known; set once the input is prepared.</summary>
    public long? TotalBytes { get; set; }

    public static ProgressReporter? For(WaitOptions? options, TimeProvider time) =>
        options?.Progress is { } sink ? new ProgressReporter(sink, time) : null;

    /// <summary>A send of the document begins (again, after a retry): the count starts from 0.</summary>
    public void UploadStarted()
    {
        Interlocked.Exchange(ref _bytesSent, 0);
        Volatile.Write(ref _lastReportedBytes, 0);
        _lastUploadReport = _time.GetTimestamp();
        Report(OcrProgressStage.Sending);
    }

    /// <summary><paramref name="count"/> more bytes of the document were written; reported when the last report is old enough.</summary>
    public void Uploaded(long count)
    {
        long sent = Interlocked.Add(ref _bytesSent, count);
        long now = _time.GetTimestamp();
        if (_time.GetElapsedTime(Volatile.Read(ref _lastUploadReport), now) >= UploadReportInterval)
        {
            Volatile.Write(ref _lastUploadReport, now);
            Volatile.Write(ref _lastReportedBytes, sent);
            Report(OcrProgressStage.Sending);
        }
    }

    /// <summary>The whole document was written: its final count is reported, unless that was the last report.</summary>
    public void UploadEnded()
    {
        if (Volatile.Read(ref _lastReportedBytes) != Interlocked.Read(ref _bytesSent))
        {
            Volatile.Write(ref _lastReportedBytes, Interlocked.Read(ref _bytesSent));
            Report(OcrProgressStage.Sending);
        }
    }

    /// <summary>Reports <paramref name="stage"/> after <paramref name="polls"/> polls of the job.</summary>
    public void Stage(OcrProgressStage stage, int polls)
    {
        Volatile.Write(ref _polls, polls);
        Report(stage);
    }

    private void Report(OcrProgressStage stage) => _sink.Report(new OcrProgress
    {
        Stage = stage,
        BytesSent = Interlocked.Read(ref _bytesSent),
        TotalBytes = TotalBytes,
        Polls = Volatile.Read(ref _polls),
        Elapsed = _time.GetElapsedTime(_started),
    });
}
