using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using Mindee.Ocr.Harness;

namespace Mindee.Ocr.Benchmarks;

/// <summary>
/// Peak working set and bytes allocated while uploading a 64 MB file five times, beside the
/// file's size: what BenchmarkDotNet does not report.
/// </summary>
public static class UploadPeak
{
    public static async Task<int> RunAsync()
    {
        using var sink = LoopbackHttpServer.Answering(202, SinkJob.Json);
        var path = UploadBenchmarks.WriteDocument(UploadBenchmarks.FileSize);
        try
        {
            var client = new MindeeOcrClient(new MindeeOcrOptions { ApiKey = "bench-key", ModelId = "bench-model", BaseAddress = sink.BaseAddress });
            await client.EnqueueAsync(OcrInput.FromFile(path)); // warm up: JIT, connection
            GC.Collect();
            GC.WaitForPendingFinalizers();
            using var process = Process.GetCurrentProcess();
            process.Refresh();
            long workingSetBefore = process.WorkingSet64;
            long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            long discardedBefore = sink.BodyBytesReceived;
            const int Runs = 5;
            for (int i = 0; i < Runs; i++)
            {
                await client.EnqueueAsync(OcrInput.FromFile(path));
            }

            long allocated = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / Runs;
            process.Refresh();
            long received = (sink.BodyBytesReceived - discardedBefore) / Runs;
            Console.WriteLine($"file size:                  {UploadBenchmarks.FileSize,15:N0} bytes");
            Console.WriteLine($"body bytes the sink read:   {received,15:N0} bytes per upload");
            Console.WriteLine($"allocated per upload:       {allocated,15:N0} bytes ({100.0 * allocated / UploadBenchmarks.FileSize:0.000}% of the file)");
            Console.WriteLine($"working set before uploads: {workingSetBefore,15:N0} bytes");
            Console.WriteLine($"peak working set (process): {process.PeakWorkingSet64,15:N0} bytes");
            Console.WriteLine($"peak minus before:          {process.PeakWorkingSet64 - workingSetBefore,15:N0} bytes");
            return allocated < UploadBenchmarks.FileSize / 50 ? 0 : 1;
        }
        finally
        {
            File.Delete(path);
        }
    }
}
