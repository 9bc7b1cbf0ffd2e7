using System;
using System.Threading;
using System.Threading.Tasks;

namespace Mindee.Ocr.Cli;

/// <summary>
/// Runs a command's body and turns what escapes it into an exit code and one line on standard
/// error: a usage mistake (2), Ctrl+C (130), anything else (1, the stack trace only with --verbose).
/// </summary>
internal static class CommandGuard
{
    public static async Task<int> RunAsync(CliOutput output, Func<Task<int>> body, CancellationToken cancellationToken)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (UsageException ex)
        {
            output.Error(ErrorText.OneLine(ex.Message));
            return ExitCodes.Usage;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            output.Line("Interrupted.");
            return ExitCodes.Interrupted;
        }
#pragma warning disable CA1031 // The tool's last line of defence: whatever went wrong is one line, not a crash dump.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            output.Error(ErrorText.Reason(ex) + (output.Verbose ? string.Empty : " (--verbose shows more)"), ex);
            return ExitCodes.Failed;
        }
    }
}
