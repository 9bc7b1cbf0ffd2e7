using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Mindee.Ocr.Cli;

/// <summary><c>webhook verify</c>: checks a saved webhook delivery against its signature, to debug a receiver.</summary>
internal sealed class WebhookCommand
{
    private readonly CliHost _host;
    private readonly GlobalOptions _global;

    private readonly Option<string> _secretEnv = new("--secret-env")
    {
        Description = "The environment variable holding the webhook's signing secret (never the secret itself: it would show in process lists).",
        HelpName = "VAR",
        Required = true,
    };

    private readonly Option<string> _signature = new("--signature")
    {
        Description = "The delivery's signature, as its X-Signature (or X-Mindee-Hmac-Signature) header gave it.",
        HelpName = "SIG",
        Required = true,
    };

    private readonly Argument<string> _body = new("body-file")
    {
        Description = "The delivery's body, saved byte for byte as received.",
    };

    public WebhookCommand(CliHost host, GlobalOptions global)
    {
        _host = host;
        _global = global;
        Verify = new Command("verify", "Check that a saved webhook delivery is genuine: its signature against its body and the secret.");
        Verify.Options.Add(_secretEnv);
        Verify.Options.Add(_signature);
        Verify.Arguments.Add(_body);
        Verify.SetAction((parse, token) =>
        {
            var output = _global.Output(parse, _host);
            return CommandGuard.RunAsync(output, () => VerifyAsync(parse, output, token), token);
        });
        Command = new Command("webhook", "Webhook helpers.");
        Command.Subcommands.Add(Verify);
    }

    public Command Command { get; }

    public Command Verify { get; }

    public static IReadOnlyList<string> Examples { get; } =
    [
        "mindee-ocr webhook verify --secret-env MINDEE_WEBHOOK_SECRET --signature 9f86d081884c7d65… delivery.json",
    ];

    private async Task<int> VerifyAsync(ParseResult parse, CliOutput output, CancellationToken cancellationToken)
    {
        var variable = parse.GetValue(_secretEnv)!;
        var secret = _host.GetEnvironmentVariable(variable);
        if (string.IsNullOrEmpty(secret))
        {
            throw new UsageException($"the environment variable {variable} is not set: put the webhook's signing secret in it.");
        }

        output.Redact(secret);
        var path = parse.GetValue(_body)!;
        byte[] body;
        try
        {
            body = await File.ReadAllBytesAsync(Path.GetFullPath(path, _host.CurrentDirectory), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read the body file '{path}' ({ErrorText.Reason(ex)}): save the delivery's body to a file and name it.", ex);
        }

        if (!OcrWebhookSignature.IsValid(body, parse.GetValue(_signature), secret))
        {
            output.Error($"{path}: the signature does not match this body under the secret in {variable} (the body must be saved byte for byte, and the secret be this webhook's).");
            return ExitCodes.Failed;
        }

        string what;
        try
        {
            what = OcrWebhookDelivery.Parse(body).ToString();
        }
        catch (MindeeOcrException ex)
        {
            what = "the body is not a delivery the client reads: " + ErrorText.Reason(ex);
        }

        var line = new UTF8Encoding(false).GetBytes($"valid: the signature matches. {ErrorText.OneLine(what)}\n");
        await _host.StandardOutput.WriteAsync(line, cancellationToken).ConfigureAwait(false);
        await _host.StandardOutput.FlushAsync(cancellationToken).ConfigureAwait(false);
        return ExitCodes.Success;
    }
}
