using System;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;

namespace Mindee.Ocr.Benchmarks;

/// <summary>
/// Reading a 3-page, 1,100-word, ~600 KB result into the models, beside <see cref="JsonDocument.Parse(ReadOnlyMemory{byte}, JsonDocumentOptions)"/>
/// of the same bytes. Targets: at most 1.5× its time, at most 350 KB allocated.
/// </summary>
[MemoryDiagnoser]
public class ParseBenchmarks
{
    private byte[] _pretty = [];
    private byte[] _compact = [];

    [GlobalSetup]
    public void Setup()
    {
        _pretty = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "result-3-pages.json"));
        using var doc = JsonDocument.Parse(_pretty);
        _compact = JsonSerializer.SerializeToUtf8Bytes(doc.RootElement);
    }

    [Benchmark(Baseline = true, Description = "JsonDocument.Parse (pretty, 612 KB)")]
    public int JsonDocumentPretty()
    {
        using var doc = JsonDocument.Parse(_pretty);
        return doc.RootElement.GetProperty("inference").GetProperty("result").GetProperty("pages").GetArrayLength();
    }

    [Benchmark(Description = "Models from bytes (pretty)")]
    public int ModelsPretty() => MindeeOcrJson.DeserializeInference(_pretty).Result.Pages.Count;

    [Benchmark(Description = "Models from a stream (pretty), as the client reads")]
    public async Task<int> ModelsFromStreamPretty()
    {
        using var stream = new MemoryStream(_pretty, writable: false);
        return (await MindeeOcrJson.DeserializeInferenceAsync(stream)).Result.Pages.Count;
    }

    [Benchmark(Description = "JsonDocument.Parse (compact)")]
    public int JsonDocumentCompact()
    {
        using var doc = JsonDocument.Parse(_compact);
        return doc.RootElement.GetProperty("inference").GetProperty("result").GetProperty("pages").GetArrayLength();
    }

    [Benchmark(Description = "Models from bytes (compact)")]
    public int ModelsCompact() => MindeeOcrJson.DeserializeInference(_compact).Result.Pages.Count;
}
