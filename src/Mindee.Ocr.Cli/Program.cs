using System;
using System.Threading;
using System.Threading.Tasks;

namespace Mindee.Ocr.Cli;

/// <summary>The process: the console's streams and environment, and Ctrl+C as a cancellation.</summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        using var interrupt = new CancellationTokenSource();
        int presses = 0;
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            // The first Ctrl+C stops the run cleanly (journal flushed, resume command printed);
            // a second one ends the process at once.
            if (Interlocked.Increment(ref presses) == 1)
            {
                e.Cancel = true;
                interrupt.Cancel();
            }
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            return await MindeeOcrCli.RunAsync(args, CliHost.FromConsole(), interrupt.Token).ConfigureAwait(false);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }
}
