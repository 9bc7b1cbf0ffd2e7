using System;
using System.IO;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Mindee.Ocr.Harness;

namespace Mindee.Ocr.Benchmarks;

/// <summary>
/// Enqueue of a 64 MB file against a local sink that discards the body. Target: allocations
/// under 2% of the file's size (the document is streamed, never buffered).
/// </summary>
[MemoryDiagnoser]
public class UploadBenchmarks
{
    public const int FileSize = 64 * 1024 * 1024;

    private LoopbackHttpServer? _sink;
    private MindeeOcrClient? _client;
    private string _path = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _sink = LoopbackHttpServer.Answering(202, SinkJob.Json);
        _path = WriteDocument(FileSize);
        _client = new MindeeOcrClient(new MindeeOcrOptions { ApiKey = "bench-key", ModelId = "bench-model", BaseAddress = _sink.BaseAddress });
    }

    [Benchmark(Description = "Enqueue a 64 MB file")]
    public Task<OcrJob> EnqueueFile() => _client!.EnqueueAsync(OcrInput.FromFile(_path));

    [GlobalCleanup]
    public void Cleanup()
    {
        _sink?.Dispose();
        File.Delete(_path);
    }

    public static string WriteDocument(int size)
    {
        var path = Path.Combine(Path.GetTempPath(), $"mindee-bench-{Guid.NewGuid():N}.pdf");
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write);
        var chunk = new byte[1024 * 1024];
        new Random(42).NextBytes(chunk);
        "%PDF-1.7\n"u8.CopyTo(chunk);
        for (int written = 0; written < size; written += chunk.Length)
        {
            file.Write(chunk, 0, Math.Min(chunk.Length, size - written));
            chunk[0] = (byte)'x';
        }

        return path;
    }
}
