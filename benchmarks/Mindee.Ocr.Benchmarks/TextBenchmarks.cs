using System;
using System.IO;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;

namespace Mindee.Ocr.Benchmarks;

/// <summary>
/// Text features on the 3-page, 1,100-word result, beside parsing it. Targets: building every
/// page's blocks and lines at most 0.25× the parse time and 100 KB allocated; a phrase search over
/// all pages at most 50 µs; hOCR and ALTO export to a null stream at most 2× the parse time and
/// 100 KB allocated.
/// </summary>
[MemoryDiagnoser]
public class TextBenchmarks
{
    private byte[] _json = [];
    private OcrInference _inference = null!;
    private OcrPage[] _pages = [];

    [GlobalSetup]
    public void Setup()
    {
        _json = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "result-3-pages.json"));
        _inference = MindeeOcrJson.DeserializeInference(_json);
        _pages = [.. _inference.Result.Pages];
        foreach (var page in _pages)
        {
            _ = page.Lines; // layouts built: search and exports measure only themselves
        }

        if (_inference.Result.Find(Phrase).Count == 0)
        {
            throw new InvalidOperationException($"The fixture does not hold \"{Phrase}\".");
        }
    }

    /// <summary>A phrase that spans words, found on the fixture's pages.</summary>
    public const string Phrase = "approved total reference";

    [Benchmark(Baseline = true, Description = "Parse (models from bytes)")]
    public int Parse() => MindeeOcrJson.DeserializeInference(_json).Result.Pages.Count;

    /// <summary>Fresh pages (a copy keeps the data, not the cached layout), then every block and line.</summary>
    [Benchmark(Description = "Blocks and lines of fresh pages")]
    public int BlocksAndLines()
    {
        int count = 0;
        foreach (var page in _pages)
        {
            var fresh = page with { };
            count += fresh.Blocks.Count + fresh.Lines.Count;
        }

        return count;
    }

    [Benchmark(Description = "OcrResult.Find(phrase), layouts built")]
    public int Find() => _inference.Result.Find(Phrase).Count;

    [Benchmark(Description = "hOCR to Stream.Null, layouts built")]
    public Task Hocr() => OcrExport.WriteAsync(_inference, Stream.Null, OcrExportFormat.Hocr);

    [Benchmark(Description = "ALTO to Stream.Null, layouts built")]
    public Task Alto() => OcrExport.WriteAsync(_inference, Stream.Null, OcrExportFormat.Alto);
}
