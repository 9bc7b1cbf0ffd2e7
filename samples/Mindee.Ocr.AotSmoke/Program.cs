// Native AOT smoke test: the client, its JSON, Polly, DI and the test kit, compiled ahead of
// time and run end to end over real sockets against a loopback server. Exit code 0 on success.
using System;
using System.Linq;
using Microsoft.Extensions.DependencyInjection;
using Mindee.Ocr;
using Mindee.Ocr.Harness;
using Mindee.Ocr.Testing;

var fake = new FakeMindeeService()
    .Then(FakeJobScenario.Succeeds(OcrResultFactory.FromPages("Hello from native AOT\nTotal 12.50 EUR"), processingPolls: 1));
using var server = LoopbackHttpServer.Handling(fake);

var options = new MindeeOcrOptions
{
    ApiKey = "aot-key",
    ModelId = "aot-model",
    BaseAddress = server.BaseAddress,
    Polling = new PollingOptions { InitialDelay = TimeSpan.FromMilliseconds(50), FirstInterval = TimeSpan.FromMilliseconds(50) },
};

// The standalone client, over the library's own SocketsHttpHandler.
var client = new MindeeOcrClient(options);
var pdf = "%PDF-1.7\n% AOT smoke test\n"u8.ToArray();
OcrInference result = await client.EnqueueAndWaitAsync(OcrInput.FromBytes(pdf, "aot.pdf"), new EnqueueOptions { Alias = "aot" });
var words = result.Result.Pages.SelectMany(p => p.Words).Select(w => w.Content).ToArray();
Console.WriteLine($"Words found: {string.Join(" ", words)}");

// Dependency injection, resolving the client and reading the job again.
var services = new ServiceCollection();
services.AddMindeeOcr(o => { o.ApiKey = options.ApiKey; o.ModelId = options.ModelId; o.BaseAddress = options.BaseAddress; });
await using var provider = services.BuildServiceProvider();
var job = await provider.GetRequiredService<IMindeeOcrClient>().GetJobAsync(result.Job.Id);
Console.WriteLine($"Job {job.Id} is {job.Status}, created {job.CreatedAt:O}");

// Writing and reading the result back through the public serializer.
var again = MindeeOcrJson.DeserializeInference(MindeeOcrJson.SerializeToUtf8Bytes(result));

bool ok = words.SequenceEqual(["Hello", "from", "native", "AOT", "Total", "12.50", "EUR"])
    && job.Status == JobStatus.Processed
    && again.Result.Pages[0].Words.SequenceEqual(result.Result.Pages[0].Words)
    && fake.Enqueues.Single().Alias == "aot";
Console.WriteLine(ok ? "AOT smoke test passed." : "AOT smoke test FAILED.");
return ok ? 0 : 1;
