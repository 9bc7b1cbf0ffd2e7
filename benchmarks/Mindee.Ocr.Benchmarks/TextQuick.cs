using System;
using System.Diagnostics;

namespace Mindee.Ocr.Benchmarks;

/// <summary>
/// A quick, rough check of <see cref="TextBenchmarks"/> without BenchmarkDotNet: interleaved
/// rounds of each method, the median time and the bytes allocated per call on this thread.
/// For a sanity check while optimising, not for the record.
/// </summary>
public static class TextQuick
{
    public static void Run()
    {
        var bench = new TextBenchmarks();
        bench.Setup();
        (string Name, Func<int> Op)[] ops =
        [
            ("parse", bench.Parse),
            ("blocks and lines", bench.BlocksAndLines),
            ("find", bench.Find),
            ("hocr", () => { bench.Hocr().GetAwaiter().GetResult(); return 0; }),
            ("alto", () => { bench.Alto().GetAwaiter().GetResult(); return 0; }),
        ];
        const int Rounds = 21, PerRound = 20;
        var times = new double[ops.Length][];
        var bytes = new long[ops.Length];
        for (int i = 0; i < ops.Length; i++)
        {
            times[i] = new double[Rounds];
            for (int w = 0; w < 100; w++)
            {
                ops[i].Op();
            }

            long before = GC.GetAllocatedBytesForCurrentThread();
            ops[i].Op();
            bytes[i] = GC.GetAllocatedBytesForCurrentThread() - before;
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
            Console.WriteLine($"{ops[i].Name,-18} median {Median(times[i]),8:0.0} µs  ratio {Median(times[i]) / baseline:0.00}  allocated {bytes[i] / 1024.0,8:0.0} KB");
        }
    }

    private static double Median(double[] values)
    {
        var copy = (double[])values.Clone();
        Array.Sort(copy);
        return copy[copy.Length / 2];
    }
}
