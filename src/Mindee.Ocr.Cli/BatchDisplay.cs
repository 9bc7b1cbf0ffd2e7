using System;
using System.Threading;
using System.Threading.Tasks;

namespace Mindee.Ocr.Cli;

/// <summary>
/// Shows an <c>ocr</c> run on standard error while it goes: the live display on an interactive
/// terminal, one line per finished document otherwise, and only the failures with <c>--quiet</c>.
/// Receives the batch's progress and each document's end; standard output is never touched.
/// </summary>
internal abstract class BatchDisplay : IProgress<OcrBatchProgress>
{
    private OcrBatchProgress? _latest;

    /// <summary>The last progress the batch reported; null before the first.</summary>
    protected OcrBatchProgress? Latest => Volatile.Read(ref _latest);

    public static BatchDisplay For(CliHost host, CliOutput output) =>
        output.Quiet ? new LineDisplay(output, failuresOnly: true)
        : host.IsInteractive ? new LiveDisplay(host, output)
        : new LineDisplay(output, failuresOnly: false);

    /// <summary>How many documents the run has, those that cannot be sent included.</summary>
    public int Total { get; set; }

    public void Report(OcrBatchProgress value) => Volatile.Write(ref _latest, value);

    /// <summary>A document ended (including those that could not even be sent).</summary>
    public abstract void Finished(DocumentOutcome outcome);

    /// <summary>Runs the batch under this display and returns once it ended, the display closed.</summary>
    public abstract Task RunAsync(Func<Task> batch);

    private sealed class LineDisplay(CliOutput output, bool failuresOnly) : BatchDisplay
    {
        public override void Finished(DocumentOutcome outcome)
        {
            if (!failuresOnly || outcome.Status == OcrBatchItemStatus.Failed)
            {
                output.Line(outcome.Line);
            }
        }

        public override Task RunAsync(Func<Task> batch) => batch();
    }
}
