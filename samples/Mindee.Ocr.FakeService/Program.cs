// The Mindee OCR API v2, faked on a loopback port, until stopped (Ctrl+C or SIGTERM).
// Prints its base address as the first line of standard output, so a script can point
// MINDEE_V2_BASE_URL at it:
//
//   dotnet run --project samples/Mindee.Ocr.FakeService -- [--fail-every N] > url.txt &
//   MINDEE_V2_BASE_URL=$(head -n 1 url.txt) MINDEE_V2_API_KEY=any MINDEE_V2_OCR_MODEL_ID=any mindee-ocr ocr invoice.pdf
//
// Every document is processed after a poll or two, with a synthetic result naming it;
// with --fail-every N, every Nth document fails instead (to see failures reported).
using System;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using Mindee.Ocr;
using Mindee.Ocr.Harness;
using Mindee.Ocr.Testing;

int failEvery = 0;
if (args.Length == 2 && args[0] == "--fail-every" && int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0)
{
    failEvery = n;
}
else if (args.Length != 0)
{
    Console.Error.WriteLine("usage: Mindee.Ocr.FakeService [--fail-every N]");
    return 2;
}

var fake = new FakeMindeeService();
for (int i = 1; failEvery > 0 && i <= 10_000; i++)
{
    fake.Then(i % failEvery == 0
        ? FakeJobScenario.Fails(new MindeeProblem { Status = 422, Title = "Unprocessable document", Code = "422-100", Detail = "The fake service was told to fail one document in " + failEvery.ToString(CultureInfo.InvariantCulture) + "." })
        : FakeJobScenario.Succeeds(processingPolls: i % 3));
}

using var server = LoopbackHttpServer.Handling(fake);
Console.WriteLine(server.BaseAddress);
Console.Out.Flush();

var stopped = new TaskCompletionSource();
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stopped.TrySetResult(); });
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stopped.TrySetResult(); });
await stopped.Task;
Console.Error.WriteLine($"Stopped after {fake.Enqueues.Count} documents.");
return 0;
