using System;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Mindee.Ocr.Harness;

namespace Mindee.Ocr.Benchmarks;

/// <summary>
/// The polling schedule against Mindee's own: jobs whose durations are log-uniform between 1 s
/// and 590 s (fixed seed), each run through the real client (EnqueueAndWaitAsync) against an
/// in-process fake of the service on a fake clock. Mindee's reference schedule (first poll at
/// 3.5 s, then every 1.5 s, at most 80 polls) is computed for the same durations.
/// </summary>
public static class PollingSimulation
{
    private const int Seed = 20251128;

    public static int Run(int jobs)
    {
        var random = new Random(Seed);
        var durations = Enumerable.Range(0, jobs).Select(_ => Math.Exp(random.NextDouble() * Math.Log(590))).ToArray();

        var ours = durations.Select((d, i) => RunOne(d, i)).ToArray();
        var reference = durations.Select(Reference).ToArray();

        var table = new StringBuilder();
        table.AppendLine("| jobs | count | polls/job: ours | Mindee | ratio | mean delay: ours | Mindee | ratio | given up: ours | Mindee |");
        table.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        bool targetsMet = true;
        foreach (var (label, limit) in new[] { ("up to 120 s", 120.0), ("all, up to 590 s", 590.0) })
        {
            var idx = Enumerable.Range(0, jobs).Where(i => durations[i] <= limit).ToArray();
            double ourPolls = idx.Average(i => ours[i].Polls);
            double refPolls = idx.Average(i => reference[i].Polls);
            var ourSeen = idx.Where(i => ours[i].Delay is not null).ToArray();
            var refSeen = idx.Where(i => reference[i].Delay is not null).ToArray();
            double ourDelay = ourSeen.Average(i => ours[i].Delay!.Value);
            double refDelay = refSeen.Average(i => reference[i].Delay!.Value);
            int ourGaveUp = idx.Length - ourSeen.Length, refGaveUp = idx.Length - refSeen.Length;
            table.AppendLine(CultureInfo.InvariantCulture, $"| {label} | {idx.Length} | {ourPolls:0.0} | {refPolls:0.0} | {ourPolls / refPolls:0.00} | {ourDelay:0.00} s | {refDelay:0.00} s | {ourDelay / refDelay:0.00} | {ourGaveUp} | {refGaveUp} |");
            if (limit == 120.0)
            {
                targetsMet &= ourPolls / refPolls <= 0.60 && ourDelay / refDelay <= 1.5;
            }

            targetsMet &= ourGaveUp == 0;
        }

        Console.WriteLine($"Polling: {jobs} jobs, durations log-uniform in [1 s, 590 s], seed {Seed}; \"delay\" is from a job's end to the poll that sees it.");
        Console.Write(table);
        Console.WriteLine(targetsMet
            ? "Targets met: no job up to 590 s given up on; up to 120 s, at most 60% of the polls and 1.5x the delay."
            : "TARGETS MISSED.");
        return targetsMet ? 0 : 1;
    }

    private static (int Polls, double? Delay) Reference(double duration)
    {
        for (int k = 0; k < 80; k++)
        {
            double t = 3.5 + (1.5 * k);
            if (t >= duration)
            {
                return (k + 1, t - duration);
            }
        }

        return (80, null);
    }

    private static (int Polls, double? Delay) RunOne(double durationSeconds, int index)
    {
        var clock = new TestClock();
        var service = new FakeService(clock, TimeSpan.FromSeconds(durationSeconds));
        var client = new MindeeOcrClient(
            new HttpClient(service),
            new MindeeOcrOptions
            {
                ApiKey = "sim-key",
                ModelId = "sim-model",
                BaseAddress = new Uri("https://api.sim.local/"),
                RequestTimeout = TimeSpan.FromHours(1),
                UploadTimeout = TimeSpan.FromHours(1),
                Randomizer = new Random(Seed + index).NextDouble,
            },
            clock);

        var run = client.EnqueueAndWaitAsync(OcrInput.FromBytes("%PDF-1.7\n"u8.ToArray(), "sim.pdf"));
        try
        {
            clock.RunAsync(run).GetAwaiter().GetResult();
            return (service.Polls, (service.SeenAt!.Value - service.DoneAt).TotalSeconds);
        }
        catch (MindeeOcrTimeoutException)
        {
            return (service.Polls, null);
        }
    }

    /// <summary>The service's protocol, in process: 202 on enqueue, 200 while processing, 302 once done, the result.</summary>
    private sealed class FakeService(TimeProvider clock, TimeSpan duration) : HttpMessageHandler
    {
        private DateTimeOffset _start;

        public int Polls { get; private set; }

        public DateTimeOffset DoneAt => _start + duration;

        public DateTimeOffset? SeenAt { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            var now = clock.GetUtcNow();
            if (request.Method == HttpMethod.Post)
            {
                _start = now;
                return Respond(HttpStatusCode.Accepted, Job("Processing"));
            }

            if (path.StartsWith("/v2/jobs/", StringComparison.Ordinal))
            {
                Polls++;
                if (now < DoneAt)
                {
                    return Respond(HttpStatusCode.OK, Job("Processing"));
                }

                SeenAt ??= now;
                var redirect = new HttpResponseMessage(HttpStatusCode.Found) { Content = new ByteArrayContent([]) };
                redirect.Headers.Location = new Uri("https://api.sim.local/v2/products/ocr/results/sim-job");
                return Task.FromResult(redirect);
            }

            return Respond(HttpStatusCode.OK, Result);
        }

        private static Task<HttpResponseMessage> Respond(HttpStatusCode status, string json) =>
            Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") });

        private static string Job(string status) =>
            """{"job":{"id":"sim-job","model_id":"sim-model","filename":"sim.pdf","alias":null,"created_at":"2025-07-03T14:27:58.974451","completed_at":null,"status":"STATUS","polling_url":"https://api.sim.local/v2/jobs/sim-job","result_url":null,"webhooks":[],"error":null}}""".Replace("STATUS", status, StringComparison.Ordinal);

        private const string Result = """{"inference":{"id":"sim-job","job":{"id":"sim-job"},"model":{"id":"sim-model"},"file":{"name":"sim.pdf","alias":null,"page_count":1,"mime_type":"application/pdf"},"result":{"pages":[{"words":[],"content":""}]}}}""";
    }
}
