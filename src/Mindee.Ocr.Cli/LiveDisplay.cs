using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Mindee.Ocr.Cli;

/// <summary>
/// The live progress display (Spectre.Console), redrawn in place on standard error: a bar,
/// documents done / failed / skipped / in flight / queued, bytes sent, rate, elapsed and time
/// left, and the last few failures. Once the run ends, each failure is also written as its own
/// error line, so the terminal keeps them all.
/// </summary>
internal sealed class LiveDisplay : BatchDisplay
{
    private const int FailuresShown = 5;
    private static readonly TimeSpan Redraw = TimeSpan.FromMilliseconds(150);

    private readonly CliHost _host;
    private readonly CliOutput _output;
    private readonly IAnsiConsole _console;
    private readonly List<DocumentOutcome> _failures = [];
    private readonly Lock _gate = new();
    private int _succeeded;
    private int _failed;
    private int _skipped;

    public LiveDisplay(CliHost host, CliOutput output)
    {
        _host = host;
        _output = output;
        _console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Detect,
            ColorSystem = ColorSystemSupport.Detect,
            Interactive = InteractionSupport.Yes,
            Out = new AnsiConsoleOutput(output.Writer),
        });
    }

    public override void Finished(DocumentOutcome outcome)
    {
        lock (_gate)
        {
            switch (outcome.Status)
            {
                case OcrBatchItemStatus.Failed:
                    _failed++;
                    _failures.Add(outcome);
                    break;
                case OcrBatchItemStatus.Skipped:
                    _skipped++;
                    break;
                default:
                    _succeeded++;
                    break;
            }
        }
    }

    public override async Task RunAsync(Func<Task> batch)
    {
        long started = _host.Time.GetTimestamp();
        var run = batch();
        await _console.Live(Render(started)).AutoClear(false).StartAsync(async context =>
        {
            while (!run.IsCompleted)
            {
                await Task.WhenAny(run, Task.Delay(Redraw, _host.Time)).ConfigureAwait(false);
                context.UpdateTarget(Render(started));
            }
        }).ConfigureAwait(false);

        lock (_gate)
        {
            foreach (var failure in _failures)
            {
                _output.Line(failure.Line);
            }
        }

        await run.ConfigureAwait(false);
    }

    private Rows Render(long started)
    {
        var progress = Latest ?? new OcrBatchProgress();
        var elapsed = _host.Time.GetElapsedTime(started);
        DocumentOutcome[] failures;
        int succeeded, failed, skipped;
        lock (_gate)
        {
            failures = _failures.TakeLast(FailuresShown).ToArray();
            (succeeded, failed, skipped) = (_succeeded, _failed, _skipped);
        }

        int done = succeeded + failed + skipped;
        int total = Math.Max(Total, done);
        int width = Math.Clamp(_console.Profile.Width - 24, 10, 60);
        int filled = total == 0 ? width : (int)Math.Round(width * (double)done / total);
        var bar = $"[green]{new string('█', filled)}[/][grey]{new string('░', width - filled)}[/]";
        double minutes = Math.Max(elapsed.TotalMinutes, 1e-9);
        var rows = new List<IRenderable>
        {
            new Markup($"{bar} [bold]{done}/{total}[/] {(total == 0 ? 100 : 100 * done / total),3}%"),
            new Markup(string.Create(CultureInfo.InvariantCulture,
                $"[green]done {succeeded}[/]  [red]failed {failed}[/]  skipped {skipped}  [blue]in flight {progress.InFlight}[/]  queued {Math.Max(0, total - done - progress.InFlight)}")),
            new Markup(string.Create(CultureInfo.InvariantCulture,
                $"sent {Bytes(progress.BytesSent)}  {Bytes((long)(progress.BytesSent / Math.Max(elapsed.TotalSeconds, 1e-9)))}/s  {done / minutes:0.0} docs/min  elapsed {Clock(elapsed)}  {(progress.EstimatedRemaining is { } left ? "about " + Clock(left) + " left" : "time left: estimating")}")),
        };
        if (failures.Length > 0)
        {
            rows.Add(new Markup("[red]last failures:[/]"));
            rows.AddRange(failures.Select(f => new Markup("  " + Markup.Escape(Shorten($"{f.Entry.Display}: {f.Reason}", _console.Profile.Width - 4)))));
        }

        return new Rows(rows);
    }

    private static string Bytes(long bytes) => bytes switch
    {
        < 1_000 => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
        < 1_000_000 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e3:0.0} kB"),
        < 1_000_000_000 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e6:0.0} MB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e9:0.00} GB"),
    };

    private static string Clock(TimeSpan time) => time.ToString(time.TotalHours >= 1 ? @"h\:mm\:ss" : @"mm\:ss", CultureInfo.InvariantCulture);

    private static string Shorten(string text, int width) => text.Length <= width || width < 8 ? text : text[..(width - 1)] + "…";
}
