using System;
using System.Diagnostics;

namespace Mindee.Ocr.Benchmarks;

/// <summary>
/// A quick, rough measurement without BenchmarkDotNet: warm-up calls, then interleaved rounds of
/// each operation; prints each one's median time, its ratio to the first, and the bytes one call
/// allocates on this thread. For a sanity check between full runs, not for the record.
/// </summary>
public static class QuickMeasure
{
    public static void Run((string Name, Func<int> Op)[] ops, int rounds, int perRound, int warmUp)
    {
        var times = new double[ops.Length][];
        var bytes = new long[ops.Length];
        for (int i = 0; i < ops.Length; i++)
        {
            times[i] = new double[rounds];
            for (int w = 0; w < warmUp; w++)
            {
                ops[i].Op();
            }

            long before = GC.GetAllocatedBytesForCurrentThread();
            ops[i].Op();
            bytes[i] = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        for (int r = 0; r < rounds; r++)
        {
            for (int i = 0; i < ops.Length; i++)
            {
                var watch = Stopwatch.StartNew();
                for (int n = 0; n < perRound; n++)
                {
                    ops[i].Op();
                }

                times[i][r] = watch.Elapsed.TotalMicroseconds / perRound;
            }
        }

        double baseline = Median(times[0]);
        for (int i = 0; i < ops.Length; i++)
        {
            Console.WriteLine($"{ops[i].Name,-24} median {Median(times[i]),8:0.0} µs  ratio {Median(times[i]) / baseline:0.00}  allocated {bytes[i] / 1024.0,8:0.0} KB");
        }
    }

    private static double Median(double[] values)
    {
        var copy = (double[])values.Clone();
        Array.Sort(copy);
        return copy[copy.Length / 2];
    }
}
