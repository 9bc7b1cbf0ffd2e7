using System;
using System.Diagnostics;

namespace Mindee.Ocr.Benchmarks;

/// <summary>
/// A quick, rough check of the parse ratios without BenchmarkDotNet: interleaved rounds of each
/// method, the median of each reported. For a sanity check between full runs, not for the record.
/// </summary>
public static class ParseQuick
{
    public static void Run()
    {
        var bench = new ParseBenchmarks();
        bench.Setup();
        (string Name, Func<int> Op)[] ops =
        [
            ("JsonDocument.Parse", bench.JsonDocumentPretty),
            ("models from bytes", bench.ModelsPretty),
            ("models from a stream", () => bench.ModelsFromStreamPretty().GetAwaiter().GetResult()),
        ];
        const int Rounds = 31, PerRound = 50;
        var times = new double[ops.Length][];
        for (int i = 0; i < ops.Length; i++)
        {
            times[i] = new double[Rounds];
            for (int w = 0; w < 200; w++)
            {
                ops[i].Op();
            }
        }

        for (int r = 0; r < Rounds; r++)
        {
            for (int i = 0; i < ops.Length; i++)
            {
                var watch = Stopwatch.StartNew();
                for (int n = 0; n < PerRound; n++)
                {
                    ops[i].Op();
                }

                times[i][r] = watch.Elapsed.TotalMicroseconds / PerRound;
            }
        }

        double baseline = Median(times[0]);
        for (int i = 0; i < ops.Length; i++)
        {
            Console.WriteLine($"{ops[i].Name,-24} median {Median(times[i]),8:0} µs  ratio {Median(times[i]) / baseline:0.00}");
        }
    }

    private static double Median(double[] values)
    {
        var copy = (double[])values.Clone();
        Array.Sort(copy);
        return copy[copy.Length / 2];
    }
}
