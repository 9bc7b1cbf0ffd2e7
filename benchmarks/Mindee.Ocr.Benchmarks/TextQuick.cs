using System;

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
        QuickMeasure.Run(ops, rounds: 21, perRound: 20, warmUp: 100);
    }
}
