using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Mindee.Ocr.Harness;
using Mindee.Ocr.Pdf;

namespace Mindee.Ocr.Benchmarks;

/// <summary>
/// Page selection on the tests' 100-page, ~50 MB PDF (each page an incompressible 500 KB image and
/// its number), enqueued to a loopback sink: time, bytes allocated and peak memory per run, beside
/// the document's size. Peak memory is measured twice: the managed heap, sampled every millisecond,
/// and the process's resident set (Linux: the peak is reset before each case through /proc).
/// </summary>
public static class PdfPagesRun
{
    private const int Pages = 100;
    private const int ImageBytesPerPage = 500_000;
    private const int Runs = 5;

    public static async Task<int> RunAsync()
    {
        var path = Path.Combine(Path.GetTempPath(), $"mindee-ocr-bench-{Guid.NewGuid():N}.pdf");
        using (var file = new FileStream(path, FileMode.CreateNew))
        {
            TestPdfs.WriteLarge(file, Pages, ImageBytesPerPage);
        }

        try
        {
            long size = new FileInfo(path).Length;
            using var sink = LoopbackHttpServer.Answering(202, SinkJob.Json);
            var client = new MindeeOcrClient(new MindeeOcrOptions { ApiKey = "bench-key", ModelId = "bench-model", BaseAddress = sink.BaseAddress });
            Console.WriteLine($"document: {Pages} pages, {size:N0} bytes; {Runs} runs per case after a warm-up");
            Console.WriteLine($"{"case",-34} {"sent",12} {"time",10} {"allocated",15} {"peak heap",15} {"peak RSS",15}");

            async Task Case(string name, Func<Task> run)
            {
                await run(); // warm-up: JIT, connection
                long sentBefore = sink.BodyBytesReceived;
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
                long heapBefore = GC.GetTotalMemory(forceFullCollection: true);
                long rssBefore = ResetPeakResidentSet();
                long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
                long peakHeap = heapBefore;
                using var stop = new CancellationTokenSource();
                var sampler = Task.Run(() =>
                {
                    while (!stop.IsCancellationRequested)
                    {
                        long heap = GC.GetTotalMemory(forceFullCollection: false);
                        if (heap > Volatile.Read(ref peakHeap))
                        {
                            Volatile.Write(ref peakHeap, heap);
                        }

                        Thread.Sleep(1);
                    }
                });
                var clock = Stopwatch.StartNew();
                for (int i = 0; i < Runs; i++)
                {
                    await run();
                }

                clock.Stop();
                await stop.CancelAsync();
                await sampler;
                long allocated = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / Runs;
                long sent = (sink.BodyBytesReceived - sentBefore) / Runs;
                long peakRss = PeakResidentSet() is { } hwm && rssBefore > 0 ? hwm - rssBefore : -1;
                Console.WriteLine(
                    $"{name,-34} {sent,12:N0} {clock.Elapsed.TotalMilliseconds / Runs,8:N0}ms {allocated,15:N0} {peakHeap - heapBefore,15:N0} {peakRss,15:N0}   " +
                    $"(allocated {Percent(allocated, size)}, peak heap {Percent(peakHeap - heapBefore, size)}, peak RSS {Percent(peakRss, size)} of the document)");
            }

            await Case("count the pages", () => PdfPages.CountAsync(OcrInput.FromFile(path)));
            await Case("whole document, no selection", () => client.EnqueueAsync(OcrInput.FromFile(path)));
            await Case("keep the first page", () => client.EnqueueAsync(OcrInput.FromFile(path).WithPages(PageSelection.Keep(1))));
            await Case("keep pages 1, -1", () => client.EnqueueAsync(OcrInput.FromFile(path).WithPages(PageSelection.Keep(1, -1))));
            var bytes = File.ReadAllBytes(path); // the caller's memory, outside the measure
            await Case("keep pages 1, -1 (bytes input)", () => client.EnqueueAsync(OcrInput.FromBytes(bytes, "large.pdf").WithPages(PageSelection.Keep(1, -1))));
            await Case("remove page 1 (keep 99)", () => client.EnqueueAsync(OcrInput.FromFile(path).WithPages(PageSelection.Remove(1))));
            return 0;
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string Percent(long part, long whole) => part < 0 ? "n/a" : (100.0 * part / whole).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    /// <summary>Resets the kernel's peak resident set of this process (Linux) and returns the current one; 0 where unsupported.</summary>
    private static long ResetPeakResidentSet()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return StatusField("VmRSS:") ?? 0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    private static long? PeakResidentSet() => StatusField("VmHWM:");

    private static long? StatusField(string name)
    {
        if (!File.Exists("/proc/self/status"))
        {
            return null;
        }

        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal));
        return line is null ? null : long.Parse(line[name.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }
}
