using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Mindee.Ocr.Cli;

/// <summary><c>job</c>, <c>wait</c> and <c>result</c>: one job or result by its id, for jobs sent elsewhere (a webhook flow, another run).</summary>
internal sealed class JobCommands
{
    private readonly CliHost _host;
    private readonly GlobalOptions _global;

    public JobCommands(CliHost host, GlobalOptions global)
    {
        _host = host;
        _global = global;

        var jobId = new Argument<string>("job-id") { Description = "The job's id, as the enqueue (or a journal) gave it." };
        Job = new Command("job", "Show a job: its status, file, model, times and, once processed, where its result is.");
        Job.Arguments.Add(jobId);
        Job.SetAction((parse, token) => Guarded(parse, output => ShowJobAsync(parse.GetValue(jobId)!, parse, output, token), token));

        var waitId = new Argument<string>("job-id") { Description = "The job's id." };
        var waitFormat = GlobalOptions.Format();
        Wait = new Command("wait", "Wait for a job to be processed, then write its export to standard output.");
        Wait.Arguments.Add(waitId);
        Wait.Options.Add(waitFormat);
        Wait.SetAction((parse, token) => Guarded(parse, output => WaitAsync(parse.GetValue(waitId)!, parse.GetValue(waitFormat), parse, output, token), token));

        var inferenceId = new Argument<string>("inference-id") { Description = "The result's (inference's) id." };
        var resultFormat = GlobalOptions.Format();
        Result = new Command("result", "Fetch a result by its id and write its export to standard output.");
        Result.Arguments.Add(inferenceId);
        Result.Options.Add(resultFormat);
        Result.SetAction((parse, token) => Guarded(parse, output => ResultAsync(parse.GetValue(inferenceId)!, parse.GetValue(resultFormat), parse, output, token), token));
    }

    public Command Job { get; }

    public Command Wait { get; }

    public Command Result { get; }

    public static IReadOnlyList<string> JobExamples { get; } = ["mindee-ocr job 7f2c9b4e-1a7d-4c55-9a8e-0d6c3f1b2a90"];

    public static IReadOnlyList<string> WaitExamples { get; } =
    [
        "mindee-ocr wait 7f2c9b4e-1a7d-4c55-9a8e-0d6c3f1b2a90 > invoice.txt",
        "mindee-ocr wait 7f2c9b4e-1a7d-4c55-9a8e-0d6c3f1b2a90 --format hocr > invoice.hocr",
    ];

    public static IReadOnlyList<string> ResultExamples { get; } =
    [
        "mindee-ocr result 3d9a8e0d-6c3f-4b2a-907f-2c9b4e1a7d4c --format json > invoice.json",
    ];

    private Task<int> Guarded(ParseResult parse, Func<CliOutput, Task<int>> body, CancellationToken token)
    {
        var output = _global.Output(parse, _host);
        return CommandGuard.RunAsync(output, () => body(output), token);
    }

    private IMindeeOcrClient Client(ParseResult parse, CliOutput output)
    {
        var options = CliSettings.Resolve(_host, parse.GetValue(_global.ApiKeyFile), modelId: null, modelRequired: false);
        output.Redact(options.ApiKey!);
        return CliSettings.CreateClient(_host, options);
    }

    private async Task<int> ShowJobAsync(string jobId, ParseResult parse, CliOutput output, CancellationToken cancellationToken)
    {
        var client = Client(parse, output);
        OcrJob job;
        try
        {
            job = await client.GetJobAsync(jobId, cancellationToken).ConfigureAwait(false);
        }
        catch (MindeeOcrException ex)
        {
            output.Error($"job {jobId}: {ErrorText.Reason(ex)}", ex);
            return ExitCodes.Failed;
        }
        finally
        {
            (client as IDisposable)?.Dispose();
        }

        var text = new StringBuilder();
        void Field(string name, object? value)
        {
            if (value is not null)
            {
                text.Append(CultureInfo.InvariantCulture, $"{name + ":",-11}{value}\n");
            }
        }

        Field("id", job.Id);
        Field("status", job.Status.ToString().ToLowerInvariant());
        Field("file", job.FileName);
        Field("alias", job.Alias);
        Field("model", job.ModelId);
        Field("created", job.CreatedAt.ToString("u", CultureInfo.InvariantCulture));
        Field("completed", job.CompletedAt?.ToString("u", CultureInfo.InvariantCulture));
        Field("result", job.ResultUrl);
        Field("error", job.Error is { } problem ? ErrorText.OneLine($"{problem.Title} {problem.Detail}") : null);
        foreach (var webhook in job.Webhooks)
        {
            Field("webhook", $"{webhook.Id} {webhook.Status}{(webhook.Error is { } e ? " " + ErrorText.OneLine($"{e.Title} {e.Detail}") : string.Empty)}");
        }

        await WriteAsync(text.ToString(), cancellationToken).ConfigureAwait(false);
        if (job.Status == JobStatus.Failed)
        {
            output.Error($"job {job.Id} failed: {ErrorText.OneLine($"{job.Error?.Title} {job.Error?.Detail}")}");
            return ExitCodes.Failed;
        }

        return ExitCodes.Success;
    }

    private async Task<int> WaitAsync(string jobId, OcrExportFormat format, ParseResult parse, CliOutput output, CancellationToken cancellationToken)
    {
        var client = Client(parse, output);
        try
        {
            var result = await client.WaitForResultAsync(jobId, cancellationToken).ConfigureAwait(false);
            await OcrExport.WriteAsync(result, _host.StandardOutput, format, cancellationToken: CancellationToken.None).ConfigureAwait(false);
            return ExitCodes.Success;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            output.Line($"Interrupted: the job goes on at the service. Wait for it again with: mindee-ocr wait {jobId}");
            return ExitCodes.Interrupted;
        }
        catch (MindeeOcrTimeoutException ex)
        {
            output.Error($"job {jobId} is still processing after {ex.Elapsed.TotalSeconds:0} s: wait again with 'mindee-ocr wait {jobId}'.", ex);
            return ExitCodes.Failed;
        }
        catch (MindeeOcrException ex)
        {
            output.Error($"job {jobId}: {ErrorText.Reason(ex)}", ex);
            return ExitCodes.Failed;
        }
        finally
        {
            (client as IDisposable)?.Dispose();
        }
    }

    private async Task<int> ResultAsync(string inferenceId, OcrExportFormat format, ParseResult parse, CliOutput output, CancellationToken cancellationToken)
    {
        var client = Client(parse, output);
        try
        {
            var result = await client.GetResultAsync(inferenceId, cancellationToken).ConfigureAwait(false);
            await OcrExport.WriteAsync(result, _host.StandardOutput, format, cancellationToken: CancellationToken.None).ConfigureAwait(false);
            return ExitCodes.Success;
        }
        catch (MindeeOcrException ex)
        {
            output.Error($"result {inferenceId}: {ErrorText.Reason(ex)}", ex);
            return ExitCodes.Failed;
        }
        finally
        {
            (client as IDisposable)?.Dispose();
        }
    }

    private async Task WriteAsync(string text, CancellationToken cancellationToken)
    {
        var bytes = new UTF8Encoding(false).GetBytes(text);
        await _host.StandardOutput.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        await _host.StandardOutput.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
