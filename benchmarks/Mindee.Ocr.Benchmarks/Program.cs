using System;
using System.Threading.Tasks;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Mindee.Ocr.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project benchmarks/Mindee.Ocr.Benchmarks -- parse|parse-quick|text|text-quick|upload|polling|upload-peak|pdf-pages</c>
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var mode = args.Length > 0 ? args[0] : "help";
        switch (mode)
        {
            case "polling":
                return PollingSimulation.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1000);
            case "upload-peak":
                return await UploadPeak.RunAsync();
            case "pdf-pages":
                return await PdfPagesRun.RunAsync();
            case "parse-quick":
                ParseQuick.Run();
                return 0;
            case "parse":
                BenchmarkRunner.Run<ParseBenchmarks>(Config());
                return 0;
            case "text-quick":
                TextQuick.Run();
                return 0;
            case "text":
                BenchmarkRunner.Run<TextBenchmarks>(ShortConfig());
                return 0;
            case "upload":
                BenchmarkRunner.Run<UploadBenchmarks>(Config());
                return 0;
            default:
                Console.WriteLine("Modes: parse | parse-quick | text | text-quick | upload | upload-peak | pdf-pages | polling [jobs]");
                return 2;
        }
    }

    // In process: no generated project to build, and the library is measured as built here.
    private static ManualConfig Config() =>
        ManualConfig.Create(DefaultConfig.Instance).AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance));

    // A shorter run (one launch, 3 warm-ups, 10 iterations of 250 ms): the figures stay within a few percent.
    private static ManualConfig ShortConfig() =>
        ManualConfig.Create(DefaultConfig.Instance).AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(10)
            .WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(250)));
}
