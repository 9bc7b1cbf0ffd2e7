using System;

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
        QuickMeasure.Run(ops, rounds: 31, perRound: 50, warmUp: 200);
    }
}
