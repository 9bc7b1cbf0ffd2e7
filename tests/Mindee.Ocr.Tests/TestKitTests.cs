using System;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Mindee.Ocr.Testing;
using Mindee.Ocr.Harness;
using Mindee.Ocr.Tests.TestSupport;
using Xunit;

namespace Mindee.Ocr.Tests;

/// <summary>The test kit, used exactly as an application's tests would use it: through the real client.</summary>
public sealed class TestKitTests
{
    private static MindeeOcrOptions Options() => new() { ApiKey = "test-key", ModelId = "test-model" };

    [Fact]
    public async Task A_document_gets_the_chosen_result_after_the_chosen_polls_and_what_was_sent_is_recorded()
    {
        var clock = new TestClock();
        var expected = OcrResultFactory.FromPages("INVOICE 42\nTotal 99.00", "Thank you");
        var fake = new FakeMindeeService(clock).Then(FakeJobScenario.Succeeds(expected, processingPolls: 2));
        var client = new MindeeOcrClient(fake.CreateHttpClient(), Options(), clock);

        var result = await clock.RunAsync(client.EnqueueAndWaitAsync(
            OcrInput.FromBytes(Documents.Pdf(4321), "invoice.pdf"),
            new EnqueueOptions { Alias = "order-7", WebhookIds = ["hook-1"] },
            TestContext.Current.CancellationToken));

        Assert.Equal(["INVOICE 42\nTotal 99.00", "Thank you"], result.Result.Pages.Select(p => p.Content));
        Assert.Equal(("fake-job-0001", "fake-job-0001", "invoice.pdf", "order-7", 2), (result.Id, result.Job.Id, result.File.Name, result.File.Alias, result.File.PageCount));
        Assert.Equal(3, fake.Polls);
        var sent = Assert.Single(fake.Enqueues);
        Assert.Equal((OcrInputKind.File, "invoice.pdf", 4321L, "application/pdf", "test-model", "order-7"), (sent.Kind, sent.FileName, sent.ByteCount, sent.ContentType, sent.ModelId, sent.Alias));
        Assert.Equal(["hook-1"], sent.WebhookIds);
    }

    [Fact]
    public async Task Ten_jobs_through_CreateClient_finish_in_well_under_a_second_of_real_time()
    {
        var fake = new FakeMindeeService { DefaultScenario = FakeJobScenario.Succeeds(processingPolls: 3) };
        fake.Then(FakeJobScenario.SucceedsAfter(TimeSpan.FromMinutes(4)));
        IMindeeOcrClient client = fake.CreateClient();
        var warmUp = await client.EnqueueAndWaitAsync(OcrInput.FromBytes(Documents.Pdf(), "warm-up.pdf"), cancellationToken: TestContext.Current.CancellationToken);
        int pollsBefore = fake.Polls;

        var watch = Stopwatch.StartNew();
        var results = await Task.WhenAll(Enumerable.Range(1, 10).Select(i =>
            client.EnqueueAndWaitAsync(OcrInput.FromBytes(Documents.Pdf(), $"doc-{i}.pdf"), cancellationToken: TestContext.Current.CancellationToken)));
        watch.Stop();

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"ten jobs took {watch.Elapsed.TotalMilliseconds:F0} ms of real time");
        Assert.Equal(Enumerable.Range(1, 10).Select(i => $"doc-{i}.pdf"), results.Select(r => r.File.Name));
        Assert.Equal(10 * 4, fake.Polls - pollsBefore); // three times Processing, then Processed, each
        Assert.Equal("warm-up.pdf", warmUp.File.Name); // a job of four minutes, waited for in no real time
        Assert.InRange(pollsBefore, 30, 90);
        Assert.All(fake.Enqueues, e => Assert.Equal(FakeMindeeService.FakeModelId, e.ModelId));
    }

    [Fact]
    public async Task CreateClient_waits_cost_no_real_time_but_the_fake_sees_the_time_waited()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 7, 3, 14, 0, 0, TimeSpan.Zero));
        var fake = new FakeMindeeService(clock).Then(FakeJobScenario.SucceedsAfter(TimeSpan.FromMinutes(4)));
        var client = fake.CreateClient(Options());
        var job = await client.EnqueueAsync(OcrInput.FromBytes(Documents.Png(), "scan.png"), cancellationToken: TestContext.Current.CancellationToken);
        clock.Advance(TimeSpan.FromMinutes(1)); // the caller's own clock still moves the shared time

        var watch = Stopwatch.StartNew();
        var result = await client.WaitForResultAsync(job.Id, TestContext.Current.CancellationToken);
        watch.Stop();

        Assert.Equal("scan.png", result.File.Name);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"the wait took {watch.Elapsed.TotalMilliseconds:F0} ms of real time");
        // The remaining three minutes were waited for on the shared clock: about 3 s between polls.
        Assert.InRange(fake.Polls, 30, 90);
        Assert.Equal("test-model", fake.Enqueues.Single().ModelId);
    }

    [Fact]
    public async Task A_slow_job_runs_on_the_fake_clock()
    {
        var clock = new TestClock();
        var fake = new FakeMindeeService(clock).Then(FakeJobScenario.SucceedsAfter(TimeSpan.FromMinutes(4)));
        var client = new MindeeOcrClient(fake.CreateHttpClient(), Options(), clock);

        var result = await clock.RunAsync(client.EnqueueAndWaitAsync(OcrInput.FromBytes(Documents.Png(), "scan.png"), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("scan.png", result.Result.Pages[0].Content, StringComparison.Ordinal);
        Assert.InRange(clock.Advanced, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(11));
        Assert.InRange(fake.Polls, 20, 80);
    }

    [Fact]
    public async Task A_failed_job_reaches_the_application_as_a_job_failed_exception()
    {
        var clock = new TestClock();
        var problem = new MindeeProblem { Status = 422, Title = "Unreadable document", Code = "422-102", Detail = "Password-protected." };
        var fake = new FakeMindeeService(clock).Then(FakeJobScenario.Fails(problem, processingPolls: 1));
        var client = new MindeeOcrClient(fake.CreateHttpClient(), Options(), clock);

        var ex = await Assert.ThrowsAsync<MindeeOcrJobFailedException>(() => clock.RunAsync(client.EnqueueAndWaitAsync(OcrInput.FromBytes(Documents.Pdf(), "locked.pdf"), cancellationToken: TestContext.Current.CancellationToken)));

        Assert.Equal("fake-job-0001", ex.JobId);
        Assert.Equal("422-102", ex.Problem?.Code);
    }

    [Fact]
    public async Task A_rate_limited_enqueue_is_retried_after_retry_after()
    {
        var clock = new TestClock();
        var fake = new FakeMindeeService(clock)
            .Then(FakeJobScenario.RejectsEnqueue(FakeHttpError.RateLimited(TimeSpan.FromSeconds(20))))
            .Then(FakeJobScenario.Succeeds());
        var client = new MindeeOcrClient(fake.CreateHttpClient(), Options(), clock);

        var job = await clock.RunAsync(client.EnqueueAsync(OcrInput.FromBytes(Documents.Pdf(), "a.pdf"), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(TimeSpan.FromSeconds(20), clock.Advanced);
        Assert.Equal("fake-job-0001", job.Id);
        Assert.Single(fake.Enqueues);
    }

    [Fact]
    public async Task An_http_error_on_enqueue_reaches_the_application_typed()
    {
        var fake = new FakeMindeeService().Then(FakeJobScenario.RejectsEnqueue(new FakeHttpError(401, "401-001", "Unauthorized")));
        var client = new MindeeOcrClient(fake.CreateHttpClient(), Options());

        var ex = await Assert.ThrowsAsync<MindeeOcrApiException>(() => client.EnqueueAsync(OcrInput.FromBytes(Documents.Pdf(), "a.pdf"), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal((401, "401-001"), (ex.Status, ex.Code));
        Assert.Empty(fake.Enqueues);
    }

    [Fact]
    public async Task A_poll_error_is_survived_like_on_the_real_service()
    {
        var clock = new TestClock();
        var fake = new FakeMindeeService(clock).Then(FakeJobScenario.Succeeds() with { PollError = new FakeHttpError(503), PollErrorCount = 2 });
        var client = new MindeeOcrClient(fake.CreateHttpClient(), Options(), clock);

        var result = await clock.RunAsync(client.EnqueueAndWaitAsync(OcrInput.FromBytes(Documents.Pdf(), "a.pdf"), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(3, fake.Polls);
        Assert.Single(result.Result.Pages);
    }

    [Fact]
    public async Task A_result_fetch_error_is_retried_and_a_lasting_404_reaches_the_application()
    {
        var clock = new TestClock();
        var fake = new FakeMindeeService(clock)
            .Then(FakeJobScenario.Succeeds() with { ResultError = new FakeHttpError(503, RetryAfter: TimeSpan.FromSeconds(5)) })
            .Then(FakeJobScenario.Succeeds() with { ResultError = new FakeHttpError(404, "404-002", "Not Found"), ResultErrorCount = 99 });
        var client = new MindeeOcrClient(fake.CreateHttpClient(), Options(), clock);

        var first = await clock.RunAsync(client.EnqueueAndWaitAsync(OcrInput.FromBytes(Documents.Pdf(), "a.pdf"), cancellationToken: TestContext.Current.CancellationToken));
        var ex = await Assert.ThrowsAsync<MindeeOcrApiException>(() => clock.RunAsync(client.EnqueueAndWaitAsync(OcrInput.FromBytes(Documents.Pdf(), "b.pdf"), cancellationToken: TestContext.Current.CancellationToken)));

        Assert.Equal("fake-job-0001", first.Id);
        Assert.Equal((404, "404-002"), (ex.Status, ex.Code));
    }

    [Fact]
    public async Task Url_and_base64_inputs_are_recorded_with_their_kind()
    {
        var fake = new FakeMindeeService();
        var client = new MindeeOcrClient(fake.CreateHttpClient(), Options());

        await client.EnqueueAsync(new Uri("https://files.example.com/a.pdf"), cancellationToken: TestContext.Current.CancellationToken);
        await client.EnqueueAsync(OcrInput.FromBase64(Convert.ToBase64String(Documents.Jpeg(300)), "b.jpg"), cancellationToken: TestContext.Current.CancellationToken);

        var (url, base64) = (fake.Enqueues[0], fake.Enqueues[1]);
        Assert.Equal((OcrInputKind.Url, "https://files.example.com/a.pdf", 0L), (url.Kind, url.Url, url.ByteCount));
        Assert.Equal((OcrInputKind.Base64, "b.jpg", 300L), (base64.Kind, base64.FileName, base64.ByteCount));
    }

    [Fact]
    public async Task The_fake_plugs_into_dependency_injection_as_the_primary_handler()
    {
        var fake = new FakeMindeeService();
        var services = new ServiceCollection();
        services.AddMindeeOcr(o => { o.ApiKey = "k"; o.ModelId = "m"; }).ConfigurePrimaryHttpMessageHandler(() => fake);
        await using var provider = services.BuildServiceProvider();

        var result = await provider.GetRequiredService<IMindeeOcrClient>().EnqueueAndWaitAsync(OcrInput.FromBytes(Documents.Pdf(), "di.pdf"), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Contains("di.pdf", result.Result.Pages[0].Content, StringComparison.Ordinal);
        Assert.Equal("m", fake.Enqueues.Single().ModelId);
    }

    [Fact]
    public async Task A_request_without_a_key_is_refused_like_the_real_service_does()
    {
        var fake = new FakeMindeeService();
        using var http = fake.CreateHttpClient();
        using var response = await http.GetAsync(new Uri("https://api-v2.mindee.net/v2/jobs/x"), TestContext.Current.CancellationToken);
        Assert.Equal(401, (int)response.StatusCode);
        var problem = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("401-008", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hundred_concurrent_documents_get_a_hundred_ids_and_each_its_own_result()
    {
        // Defect 4: ids were given from the count of finished enqueues, so two concurrent ones
        // could share an id, and a document came back with another's result.
        var clock = new TestClock();
        var fake = new FakeMindeeService(clock);
        var client = new MindeeOcrClient(fake.CreateHttpClient(), new MindeeOcrOptions { ApiKey = "k", ModelId = "m", Polling = new PollingOptions { InitialDelay = TimeSpan.Zero } }, clock);

        var results = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => Task.Run(
            () => client.EnqueueAndWaitAsync(OcrInput.FromBytes(Documents.Pdf(1000 + i), $"doc-{i}.pdf"), new EnqueueOptions { Alias = $"alias-{i}" }, TestContext.Current.CancellationToken),
            TestContext.Current.CancellationToken)));

        Assert.Equal(100, results.Select(r => r.Id).Distinct().Count());
        Assert.Equal(100, fake.Enqueues.Select(e => e.JobId).Distinct().Count());
        for (int i = 0; i < 100; i++)
        {
            Assert.Equal(($"doc-{i}.pdf", $"alias-{i}"), (results[i].File.Name, results[i].File.Alias));
            Assert.Contains($"doc-{i}.pdf", results[i].Result.Pages[0].Content, StringComparison.Ordinal);
            Assert.Equal(1000 + i, fake.Enqueues.Single(e => e.JobId == results[i].Id).ByteCount);
        }
    }

    [Fact]
    public void The_factory_lays_words_out_on_lines_with_plausible_polygons()
    {
        var page = OcrResultFactory.Page("Hello big world\nSecond line");

        Assert.Equal("Hello big world\nSecond line", page.Content);
        Assert.Equal(["Hello", "big", "world", "Second", "line"], page.Words.Select(w => w.Content));
        Assert.All(page.Words, w =>
        {
            Assert.Equal(4, w.Polygon.Count);
            Assert.All(w.Polygon, p => { Assert.InRange(p.X, 0, 1); Assert.InRange(p.Y, 0, 1); });
        });
        var (hello, big, second) = (page.Words[0].Polygon.BoundingBox, page.Words[1].Polygon.BoundingBox, page.Words[3].Polygon.BoundingBox);
        Assert.True(big.MinX > hello.MaxX, "words on a line go left to right without overlapping");
        Assert.Equal(hello.MinY, big.MinY);
        Assert.True(second.MinY > hello.MaxY, "the second line is below the first");
        Assert.True(hello.Width > big.Width, "longer words are wider");
    }

    [Fact]
    public void A_factory_result_survives_the_wire_format()
    {
        var result = OcrResultFactory.FromPages("a b c");
        var again = MindeeOcrJson.DeserializeInference(MindeeOcrJson.SerializeToUtf8Bytes(result));
        Assert.Equal(result.Result.Pages[0].Words, again.Result.Pages[0].Words);
        Assert.Equal(1, again.File.PageCount);
    }

    [Fact]
    public async Task The_rate_limit_window_can_be_shorter_than_a_minute_to_scale_a_test_down()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 7, 3, 14, 0, 0, TimeSpan.Zero));
        using var fake = new FakeMindeeService(clock) { EnqueuesPerMinute = 2, RateLimitWindow = TimeSpan.FromSeconds(6) };
        using var http = fake.CreateHttpClient();
        async Task<System.Net.Http.HttpResponseMessage> EnqueueAsync()
        {
            using var request = new System.Net.Http.HttpRequestMessage(System.Net.Http.HttpMethod.Post, "https://api-v2.mindee.net/v2/products/ocr/enqueue");
            request.Headers.TryAddWithoutValidation("Authorization", "test-key");
            request.Content = new System.Net.Http.StringContent("{}", System.Text.Encoding.UTF8, "application/json");
            return await http.SendAsync(request, TestContext.Current.CancellationToken);
        }

        Assert.NotEqual(429, (int)(await EnqueueAsync()).StatusCode); // counted (then refused for its empty body)
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.NotEqual(429, (int)(await EnqueueAsync()).StatusCode);
        var refused = await EnqueueAsync();
        Assert.Equal(429, (int)refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(4), refused.Headers.RetryAfter?.Delta); // until the first leaves the 6 s window
        clock.Advance(TimeSpan.FromSeconds(4));
        Assert.NotEqual(429, (int)(await EnqueueAsync()).StatusCode);
        Assert.Equal(1, fake.RateLimited);
        Assert.Throws<ArgumentOutOfRangeException>(() => fake.RateLimitWindow = TimeSpan.Zero);
    }
}
