using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Mindee.Ocr.Cli;

/// <summary>
/// The tool's entry point, free of the process: the arguments, a host (standard streams,
/// environment, working directory) and a token that Ctrl+C cancels. Returns the exit code.
/// </summary>
internal static class MindeeOcrCli
{
    public static async Task<int> RunAsync(string[] args, CliHost host, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(host);
        var global = new GlobalOptions();
        var root = new RootCommand(
            "mindee-ocr: the Mindee OCR API v2 from a terminal. Settings come from the environment: "
            + "MINDEE_V2_API_KEY (or --api-key-file), MINDEE_V2_OCR_MODEL_ID (or --model), MINDEE_V2_BASE_URL (optional). "
            + "Exit codes: 0 all done, 1 some documents failed, 2 usage or configuration error, 130 interrupted.");
        global.AddTo(root);

        var ocr = new OcrCommand(host, global, args);
        var jobs = new JobCommands(host, global);
        var webhook = new WebhookCommand(host, global);
        root.Subcommands.Add(ocr.Command);
        root.Subcommands.Add(jobs.Job);
        root.Subcommands.Add(jobs.Wait);
        root.Subcommands.Add(jobs.Result);
        root.Subcommands.Add(webhook.Command);

        var examples = new Dictionary<Command, IReadOnlyList<string>>
        {
            [root] = [OcrCommand.Examples[0], OcrCommand.Examples[1], JobCommands.WaitExamples[0], "mindee-ocr ocr --help"],
            [ocr.Command] = OcrCommand.Examples,
            [jobs.Job] = JobCommands.JobExamples,
            [jobs.Wait] = JobCommands.WaitExamples,
            [jobs.Result] = JobCommands.ResultExamples,
            [webhook.Command] = WebhookCommand.Examples,
            [webhook.Verify] = WebhookCommand.Examples,
        };
        AddExamples(root, examples);

        var parse = root.Parse(args);
        await using var standardOutput = new StreamWriter(host.StandardOutput, new UTF8Encoding(false), 4096, leaveOpen: true) { AutoFlush = true };
        if (parse.Errors.Count > 0 && parse.Action is not { ClearsParseErrors: true })
        {
            // One line saying what is wrong and where the help is, exit 2; not the whole help.
            // A key on the command line is named as such, never quoted: the parser's own message would show it.
            var message = args.TakeWhile(a => a != "--").Any(IsApiKeyOption)
                ? "a key is not taken on the command line (it would show in process lists): set MINDEE_V2_API_KEY, or pass --api-key-file FILE"
                : ErrorText.OneLine(parse.Errors[0].Message).TrimEnd('.');
            await host.StandardError.WriteLineAsync($"error: {message}. See '{CommandPath(parse.CommandResult)} --help'.").ConfigureAwait(false);
            await host.StandardError.FlushAsync(cancellationToken).ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var configuration = new InvocationConfiguration
        {
            Output = standardOutput,
            Error = host.StandardError,
            // Ctrl+C is the caller's: Program cancels the token, and each command stops in its own way.
            ProcessTerminationTimeout = null,
            EnableDefaultExceptionHandler = false,
        };
        return await parse.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }

    private static bool IsApiKeyOption(string arg) =>
        arg == "--api-key" || arg.StartsWith("--api-key=", StringComparison.Ordinal) || arg.StartsWith("--api-key:", StringComparison.Ordinal);

    private static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? at = result; at is not null; at = at.Parent)
        {
            if (at is CommandResult command)
            {
                names.Add(command.Command is RootCommand ? "mindee-ocr" : command.Command.Name);
            }
        }

        names.Reverse();
        return string.Join(' ', names);
    }

    private static void AddExamples(RootCommand root, Dictionary<Command, IReadOnlyList<string>> examples)
    {
        var help = root.Options.OfType<HelpOption>().Single();
        if (help.Action is SynchronousCommandLineAction standard)
        {
            help.Action = new HelpWithExamples(standard, examples);
        }
    }

    /// <summary>The standard help, then the command's examples.</summary>
    private sealed class HelpWithExamples(SynchronousCommandLineAction standard, Dictionary<Command, IReadOnlyList<string>> examples) : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            int code = standard.Invoke(parseResult);
            if (examples.TryGetValue(parseResult.CommandResult.Command, out var lines))
            {
                var output = parseResult.InvocationConfiguration.Output;
                output.WriteLine("Examples:");
                foreach (var line in lines)
                {
                    output.WriteLine("  " + line);
                }

                output.WriteLine();
            }

            return code;
        }
    }
}
