using System;
using System.Linq;
using System.Threading.Tasks;
using Mindee.Ocr.Tests.TestSupport;
using Xunit;

namespace Mindee.Ocr.Tests;

/// <summary>GetJobAsync and GetResultAsync against a real local server.</summary>
public sealed class ReadingFromTheServiceTests : IDisposable
{
    private readonly MockService _service = MockService.Start();

    public void Dispose() => _service.Dispose();

    [Fact]
    public async Task Get_job_sends_the_raw_key_and_asks_for_no_redirect()
    {
        _service.Stub("GET", MockService.JobPath(), 200, _service.JobJson("job-processing.json"));
        var client = _service.CreateClient();

        var job = await client.GetJobAsync(Fixture.JobId, TestContext.Current.CancellationToken);

        Assert.Equal(JobStatus.Processing, job.Status);
        var request = Assert.Single(_service.Requests).RequestMessage;
        Assert.Equal(MockService.ApiKey, request.Headers!["Authorization"].Single());
        Assert.Equal("false", request.Query!["redirect"].Single());
        Assert.StartsWith("Mindee.Ocr/", request.Headers["User-Agent"].Single(), StringComparison.Ordinal);
        Assert.Contains(".NET", request.Headers["User-Agent"].Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_302_with_a_job_body_is_read_not_followed()
    {
        _service.Stub("GET", MockService.JobPath(), 302, _service.JobJson("job-processed.json"), headers: ("Location", _service.BaseAddress + "v2/products/ocr/results/" + Fixture.JobId));
        var client = _service.CreateClient();

        var job = await client.GetJobAsync(Fixture.JobId, TestContext.Current.CancellationToken);

        Assert.Equal(JobStatus.Processed, job.Status);
        Assert.Equal(Fixture.ModelId, job.ModelId);
        Assert.Single(_service.Requests);
    }

    [Fact]
    public async Task A_302_without_a_body_means_processed_with_the_result_at_its_location()
    {
        var location = _service.BaseAddress + "v2/inferences/" + Fixture.JobId;
        _service.Stub("GET", MockService.JobPath(), 302, headers: ("Location", location));
        var client = _service.CreateClient();

        var job = await client.GetJobAsync(Fixture.JobId, TestContext.Current.CancellationToken);

        Assert.Equal(JobStatus.Processed, job.Status);
        Assert.Equal(Fixture.JobId, job.Id);
        Assert.Equal(new Uri(location), job.ResultUrl);
        Assert.Single(_service.Requests);
    }

    [Fact]
    public async Task A_302_without_a_body_keeps_an_id_that_needs_escaping_exactly_as_given()
    {
        // Defect 6: the id was parsed back out of the request's log description, and the polling URL
        // built from that escaped text was escaped a second time.
        const string Id = "jöb:50%";
        var handler = new RedirectingHandler(new Uri("https://api.example.com/v2/inferences/elsewhere"));
        var client = new MindeeOcrClient(new System.Net.Http.HttpClient(handler), new MindeeOcrOptions { ApiKey = "k", BaseAddress = new Uri("https://api.example.com/") });

        var job = await client.GetJobAsync(Id, TestContext.Current.CancellationToken);

        Assert.Equal(Id, job.Id);
        Assert.Equal(JobStatus.Processed, job.Status);
        Assert.Equal("https://api.example.com/v2/jobs/j%C3%B6b%3A50%25?redirect=false", job.PollingUrl.AbsoluteUri);
        Assert.Equal("/v2/jobs/j%C3%B6b%3A50%25", handler.Requested!.AbsolutePath);
    }

    [Fact]
    public async Task A_302_with_a_proxys_page_for_a_body_is_read_from_its_location()
    {
        var location = _service.BaseAddress + "v2/inferences/" + Fixture.JobId;
        _service.Stub("GET", MockService.JobPath(), 302, "<html><body>Found</body></html>", "text/html", ("Location", location));
        var client = _service.CreateClient();

        var job = await client.GetJobAsync(Fixture.JobId, TestContext.Current.CancellationToken);

        Assert.Equal((JobStatus.Processed, new Uri(location)), (job.Status, job.ResultUrl));
    }

    [Fact]
    public async Task Get_result_reads_a_three_page_result()
    {
        _service.Stub("GET", MockService.ResultPath(), 200, Fixture.Text("result-3-pages.json"));
        var client = _service.CreateClient();

        var inference = await client.GetResultAsync(Fixture.JobId, TestContext.Current.CancellationToken);

        Assert.Equal(1100, inference.Result.Pages.Sum(p => p.Words.Count));
        Assert.Equal(MockService.ApiKey, _service.Requests.Single().RequestMessage.Headers!["Authorization"].Single());
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("a/b")]
    [InlineData("..")]
    [InlineData("id?x=1")]
    [InlineData("id with space")]
    public async Task An_id_that_is_not_an_id_is_rejected_before_any_request(string id)
    {
        var client = _service.CreateClient();
        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.GetJobAsync(id, TestContext.Current.CancellationToken));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.GetResultAsync(id, TestContext.Current.CancellationToken));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.WaitForResultAsync(id, TestContext.Current.CancellationToken));
        Assert.Empty(_service.Requests);
    }

    [Fact]
    public async Task A_null_id_is_an_argument_null_exception()
    {
        var client = _service.CreateClient();
        await Assert.ThrowsAsync<ArgumentNullException>(() => client.GetJobAsync(null!, TestContext.Current.CancellationToken));
        Assert.Empty(_service.Requests);
    }

    [Fact]
    public async Task Ids_that_are_not_uuids_are_used_as_they_are()
    {
        _service.Stub("GET", "/v2/jobs/test-job_1.2", 200, _service.JobJson("job-processing.json").Replace(Fixture.JobId, "test-job_1.2", StringComparison.Ordinal));
        var client = _service.CreateClient();

        var job = await client.GetJobAsync("test-job_1.2", TestContext.Current.CancellationToken);

        Assert.Equal("test-job_1.2", job.Id);
        Assert.Equal("/v2/jobs/test-job_1.2", _service.Requests.Single().RequestMessage.Path);
    }

    [Fact]
    public async Task A_base_address_with_a_path_prefix_keeps_it()
    {
        _service.Stub("GET", "/proxy/mindee/v2/jobs/" + Fixture.JobId, 200, _service.JobJson("job-processing.json"));
        var client = _service.CreateClient(o => o.BaseAddress = new Uri(_service.BaseAddress, "proxy/mindee"));

        await client.GetJobAsync(Fixture.JobId, TestContext.Current.CancellationToken);

        Assert.Equal("/proxy/mindee/v2/jobs/" + Fixture.JobId, _service.Requests.Single().RequestMessage.Path);
    }

    /// <summary>Answers every request with a bodiless 302, as an in-process handler would: no RequestMessage on the response.</summary>
    private sealed class RedirectingHandler(Uri location) : System.Net.Http.HttpMessageHandler
    {
        public Uri? Requested { get; private set; }

        protected override Task<System.Net.Http.HttpResponseMessage> SendAsync(System.Net.Http.HttpRequestMessage request, System.Threading.CancellationToken cancellationToken)
        {
            Requested = request.RequestUri;
            var response = new System.Net.Http.HttpResponseMessage(System.Net.HttpStatusCode.Found) { Content = new System.Net.Http.ByteArrayContent([]) };
            response.Headers.Location = location;
            return Task.FromResult(response);
        }
    }
}
