using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Mindee.Ocr.Pdf;

namespace Mindee.Ocr.Cli;

/// <summary><c>mindee-ocr ocr</c>: OCR files, globs and URLs, many at once, into an export format.</summary>
internal sealed class OcrCommand
{
    private readonly CliHost _host;
    private readonly GlobalOptions _global;
    private readonly IReadOnlyList<string> _commandLine;

    private readonly Argument<string[]> _inputs = new("inputs")
    {
        Description = "Files, globs ('scans/**/*.pdf', expanded by the tool on every shell) or https:// URLs.",
        HelpName = "path|glob|https-url",
        Arity = ArgumentArity.OneOrMore,
    };

    private readonly Option<OcrExportFormat> _format = GlobalOptions.Format();

    private readonly Option<string?> _output = new("--output", "-o")
    {
        Description = "Write one file per input in this directory (created if needed), named after the input with the format's extension appended (invoice.pdf -> invoice.pdf.hocr). Needed with several inputs; with one and no --output, the export goes to standard output.",
        HelpName = "DIR",
    };

    private readonly Option<int> _concurrency = new("--concurrency", "-c")
    {
        Description = "How many documents are in flight at once (1 to 10000); the service's rate limits are respected whatever it is.",
        HelpName = "N",
        DefaultValueFactory = _ => OcrBatchOptions.DefaultMaxConcurrency,
    };

    private readonly Option<string?> _model = new("--model", "-m")
    {
        Description = "The model id; default MINDEE_V2_OCR_MODEL_ID.",
        HelpName = "ID",
    };

    private readonly Option<string?> _alias = new("--alias")
    {
        Description = "An alias for the document; with several inputs, each gets ALIAS/<its output name>.",
        HelpName = "ALIAS",
    };

    private readonly Option<string[]> _webhooks = new("--webhook")
    {
        Description = "A webhook id to notify when a document is processed; repeat for several.",
        HelpName = "ID",
    };

    private readonly Option<string?> _journal = new("--journal", "-j")
    {
        Description = "Record each document's progress in this file; running the same command again with it skips what was done and waits for what was sent, without sending any document twice.",
        HelpName = "FILE",
    };

    private readonly Option<string?> _pages = new("--pages", "-p")
    {
        Description = PageSpec.Help,
        HelpName = "SPEC",
    };

    public OcrCommand(CliHost host, GlobalOptions global, IReadOnlyList<string> commandLine)
    {
        _host = host;
        _global = global;
        _commandLine = commandLine;
        Command = new Command("ocr", "OCR documents and export the text, many at once.");
        Command.Arguments.Add(_inputs);
        foreach (var option in new Option[] { _format, _output, _concurrency, _model, _alias, _webhooks, _journal, _pages })
        {
            Command.Options.Add(option);
        }

        _inputs.Validators.Add(result =>
        {
            // After "--" every argument is an input, whatever it looks like ("ocr -- --odd-name.pdf").
            int doubleDash = commandLine.ToList().IndexOf("--");
            var literal = doubleDash < 0 ? new HashSet<string>(StringComparer.Ordinal) : new HashSet<string>(commandLine.Skip(doubleDash + 1), StringComparer.Ordinal);
            foreach (var token in result.Tokens)
            {
                if (literal.Contains(token.Value))
                {
                    continue;
                }

                if (token.Value.StartsWith("--api-key", StringComparison.Ordinal) && !token.Value.StartsWith("--api-key-file", StringComparison.Ordinal))
                {
                    result.AddError("a key is not taken on the command line (it would show in process lists): set MINDEE_V2_API_KEY, or pass --api-key-file FILE");
                    return;
                }

                if (token.Value.StartsWith("--", StringComparison.Ordinal))
                {
                    result.AddError($"'{token.Value}' is not an option of 'ocr'");
                    return;
                }
            }
        });
        _concurrency.Validators.Add(result =>
        {
            // Only a number out of range: a value that is no number at all is the parser's error already.
            if (result.Tokens.Count > 0 && int.TryParse(result.Tokens[^1].Value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out int value) && value is < 1 or > 10_000)
            {
                result.AddError("--concurrency is from 1 to 10000");
            }
        });
        Command.SetAction(RunAsync);
    }

    public Command Command { get; }

    public static IReadOnlyList<string> Examples { get; } =
    [
        "mindee-ocr ocr invoice.pdf                                   # text to standard output",
        "mindee-ocr ocr 'scans/**/*.pdf' --format hocr --output out/  # one out/<name>.hocr per file",
        "mindee-ocr ocr '*.pdf' -o out -f alto --journal run.journal  # run it again after Ctrl+C to resume",
        "mindee-ocr ocr statement.pdf --pages 1,-1 -f json            # the first and last pages only",
        "mindee-ocr ocr https://example.com/receipt.jpg -f tsv > receipt.tsv",
    ];

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var output = _global.Output(parse, _host);
        return await CommandGuard.RunAsync(output, () => RunAsync(parse, output, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    private async Task<int> RunAsync(ParseResult parse, CliOutput output, CancellationToken cancellationToken)
    {
        var format = parse.GetValue(_format);
        var outputDirectory = parse.GetValue(_output);
        var journalPath = parse.GetValue(_journal);
        var alias = parse.GetValue(_alias);
        var webhooks = parse.GetValue(_webhooks) ?? [];
        var selection = parse.GetValue(_pages) is { } spec ? PageSpec.Parse(spec) : null;

        // A glob never picks up the tool's own files: the exports of an earlier run, the journal.
        string[] ownFiles = [.. new[] { outputDirectory, journalPath }.Where(p => !string.IsNullOrEmpty(p)).Select(p => Path.GetFullPath(p!, _host.CurrentDirectory))];
        var entries = InputExpansion.Expand(parse.GetValue(_inputs) ?? [], _host.CurrentDirectory, ownFiles);
        if (entries.Count > 1 && outputDirectory is null)
        {
            throw new UsageException($"{entries.Count} inputs: pass --output DIR to write one file per input (standard output takes one input only).");
        }

        var extension = OcrExport.FileExtension(format);
        OutputNames.Assign(entries, extension, outputDirectory is null ? null : Path.GetFullPath(outputDirectory, _host.CurrentDirectory));
        var options = CliSettings.Resolve(_host, parse.GetValue(_global.ApiKeyFile), parse.GetValue(_model), modelRequired: true);
        output.Redact(options.ApiKey!);

        string? directory = null;
        if (outputDirectory is not null)
        {
            directory = Path.GetFullPath(outputDirectory, _host.CurrentDirectory);
            try
            {
                Directory.CreateDirectory(directory);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"cannot create the output directory '{outputDirectory}' ({ErrorText.Reason(ex)}): pick another --output.", ex);
            }
        }

        OcrBatchJournal? journal = null;
        if (journalPath is not null)
        {
            try
            {
                // Opened without sharing: a second run of the same journal is kept out.
                journal = OcrBatchJournal.Open(Path.GetFullPath(journalPath, _host.CurrentDirectory));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
            {
                throw new UsageException($"cannot open the journal '{journalPath}' ({ErrorText.OneLine(ex.Message)}): give another --journal, or wait for the run that uses it to end.", ex);
            }
        }

        var client = CliSettings.CreateClient(_host, options);
        var display = BatchDisplay.For(_host, output);
        display.Total = entries.Count;
        var run = new Run(this, output, display, format, directory, entries.Count > 1 ? alias + "/" : alias, webhooks, selection);
        try
        {
            await display.RunAsync(() => run.ProcessAsync(client, entries, journal, parse.GetValue(_concurrency), cancellationToken)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            if (journal is not null)
            {
                await journal.DisposeAsync().ConfigureAwait(false);
                journal = null;
                output.Line($"Interrupted: {run.Summary}. The journal {journalPath} is saved: run the same command again to resume without sending any document twice:");
                output.Line("  " + ResumeCommand());
            }
            else
            {
                output.Line($"Interrupted: {run.Summary}. Documents already sent go on at the service, but without --journal they cannot be resumed: next time pass --journal FILE.");
            }

            return ExitCodes.Interrupted;
        }
        finally
        {
            if (journal is not null)
            {
                await journal.DisposeAsync().ConfigureAwait(false);
            }

            (client as IDisposable)?.Dispose();
        }

        return run.Failures > 0 ? ExitCodes.Failed : ExitCodes.Success;
    }

    private string ResumeCommand() =>
        "mindee-ocr " + string.Join(' ', _commandLine.Select(Quote));

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsLetterOrDigit(c) || "-_./:=,@+%".Contains(c, StringComparison.Ordinal))
            ? argument
            : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>One run of the command: sends the documents as a batch and writes each export as it ends.</summary>
    private sealed class Run(
        OcrCommand command,
        CliOutput output,
        BatchDisplay display,
        OcrExportFormat format,
        string? directory,
        string? alias,
        string[] webhooks,
        PageSelection? selection)
    {
        private int _succeeded;
        private int _failed;
        private int _skipped;

        public int Failures => Volatile.Read(ref _failed);

        public string Summary =>
            $"{Volatile.Read(ref _succeeded)} done, {Volatile.Read(ref _failed)} failed, {Volatile.Read(ref _skipped)} skipped, {display.Total - Volatile.Read(ref _succeeded) - Volatile.Read(ref _failed) - Volatile.Read(ref _skipped)} not finished";

        public async Task ProcessAsync(IMindeeOcrClient client, List<InputEntry> entries, IOcrBatchJournal? journal, int concurrency, CancellationToken cancellationToken)
        {
            // Documents that cannot be sent are reported first; the others go as one batch.
            var sendable = new List<(InputEntry Entry, OcrInput Input)>();
            foreach (var entry in entries)
            {
                if (entry.Problem is { } problem)
                {
                    Failed(entry, problem);
                    continue;
                }

                try
                {
                    var input = entry.Url is { } url ? OcrInput.FromUrl(url) : OcrInput.FromFile(entry.FullPath!);
                    sendable.Add((entry, selection is null ? input : input.WithPages(selection)));
                }
                catch (ArgumentException ex)
                {
                    Failed(entry, ErrorText.Reason(ex));
                }
            }

            if (sendable.Count == 0)
            {
                return;
            }

            var options = new OcrBatchOptions
            {
                MaxConcurrency = concurrency,
                Journal = journal,
                Progress = display,
                EnqueueOptionsFor = (_, index) => new EnqueueOptions
                {
                    Alias = alias is null ? null : alias.EndsWith('/') ? alias + sendable[index].Entry.OutputName[..^OcrExport.FileExtension(format).Length] : alias,
                    WebhookIds = webhooks.Length == 0 ? null : webhooks,
                },
            };

            await foreach (var item in client.ProcessManyAsync(sendable.Select(s => s.Input).ToList(), options, cancellationToken).ConfigureAwait(false))
            {
                var entry = sendable[item.Index].Entry;
                switch (item.Status)
                {
                    case OcrBatchItemStatus.Succeeded:
                        if (!await ExportAsync(entry, item.Result!, cancellationToken).ConfigureAwait(false) && journal is not null)
                        {
                            // Stop before moving past the item: the journal then does not count it as done,
                            // and the next run with the journal fetches its result again (it is not sent again).
                            output.Line("error: stopped: an export could not be written; fix that, then run the same command again to resume.");
                            return;
                        }

                        break;
                    case OcrBatchItemStatus.Skipped:
                        Interlocked.Increment(ref _skipped);
                        display.Finished(new DocumentOutcome(entry, OcrBatchItemStatus.Skipped, null, 0, null));
                        break;
                    default:
                        Failed(entry, ErrorText.Reason(item.Error!), item.Error);
                        break;
                }
            }
        }

        /// <summary>Writes the export; false (and the document counted failed) when it could not be written.</summary>
        private async Task<bool> ExportAsync(InputEntry entry, OcrInference result, CancellationToken cancellationToken)
        {
            string? destination = null;
            try
            {
                if (directory is null)
                {
                    // Standard output: the export only, as it is written.
                    await OcrExport.WriteAsync(result, command._host.StandardOutput, format, cancellationToken: CancellationToken.None).ConfigureAwait(false);
                }
                else
                {
                    // Written beside its final name, then moved: an interrupted write never leaves half an export.
                    var path = Path.Combine(directory, entry.OutputName);
                    var partial = path + ".partial";
                    var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true);
                    await using (file.ConfigureAwait(false))
                    {
                        await OcrExport.WriteAsync(result, file, format, cancellationToken: CancellationToken.None).ConfigureAwait(false);
                    }

                    File.Move(partial, path, overwrite: true);
                    destination = Path.GetRelativePath(command._host.CurrentDirectory, path) is { } relative && !relative.StartsWith("..", StringComparison.Ordinal) ? relative : path;
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Failed(entry, $"processed, but its export could not be written ({ErrorText.OneLine(ex.Message)})", ex);
                return false;
            }

            _ = cancellationToken;
            Interlocked.Increment(ref _succeeded);
            display.Finished(new DocumentOutcome(entry, OcrBatchItemStatus.Succeeded, destination, result.Result.Pages.Count, null));
            return true;
        }

        private void Failed(InputEntry entry, string reason, Exception? error = null)
        {
            Interlocked.Increment(ref _failed);
            display.Finished(new DocumentOutcome(entry, OcrBatchItemStatus.Failed, null, 0, output.Clean(reason)));
            if (error is not null && output.Verbose)
            {
                output.Line(output.Clean(error.ToString()));
            }
        }
    }
}
