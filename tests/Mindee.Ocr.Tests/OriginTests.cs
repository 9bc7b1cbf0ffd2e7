using System;
using System.Threading.Tasks;
using Mindee.Ocr.Tests.TestSupport;
using Xunit;
using static Mindee.Ocr.Tests.TestSupport.MockService;

namespace Mindee.Ocr.Tests;

/// <summary>The API key goes to the configured origin and nowhere else.</summary>
public sealed class OriginTests : IDisposable
{
    private readonly MockService _service = Start();
    private readonly MockService _elsewhere = Start(); // another port: another origin

    public void Dispose()
    {
        _service.Dispose();
        _elsewhere.Dispose();
    }

    [Fact]
    public async Task A_result_url_on_another_origin_is_refused_and_never_sent_the_key()
    {
        var json = _service.JobJson("job-processed.json").Replace(_service.BaseAddress.ToString(), _elsewhere.BaseAddress.ToString(), StringComparison.Ordinal);
        _service.Stub("GET", JobPath(), 200, json);
        _elsewhere.Stub("GET", ResultPath(), 200, Fixture.Text("result-1-page.json"));
        var client = _service.CreateClient();

        var ex = await Assert.ThrowsAsync<MindeeOcrException>(() => _service.Clock.RunAsync(client.WaitForResultAsync(Fixture.JobId, TestContext.Current.CancellationToken)));

        Assert.Contains("another origin", ex.Message, StringComparison.Ordinal);
        Assert.Contains(_elsewhere.BaseAddress.GetLeftPart(UriPartial.Authority), ex.Message, StringComparison.Ordinal);
        Assert.Empty(_elsewhere.Requests);
        Assert.DoesNotContain(ApiKey, ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_302_location_on_another_origin_is_refused_and_never_sent_the_key()
    {
        _service.Stub("GET", JobPath(), 302, headers: ("Location", _elsewhere.BaseAddress + "v2/products/ocr/results/" + Fixture.JobId));
        _elsewhere.Stub("GET", ResultPath(), 200, Fixture.Text("result-1-page.json"));
        var client = _service.CreateClient();

        var ex = await Assert.ThrowsAsync<MindeeOcrException>(() => _service.Clock.RunAsync(client.WaitForResultAsync(Fixture.JobId, TestContext.Current.CancellationToken)));

        Assert.Contains("refuses to send the API key", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_elsewhere.Requests);
    }

    [Fact]
    public async Task A_relative_location_resolves_on_the_configured_origin()
    {
        _service.Stub("GET", JobPath(), 302, headers: ("Location", "/v2/inferences/" + Fixture.JobId));
        _service.Stub("GET", "/v2/inferences/" + Fixture.JobId, 200, Fixture.Text("result-1-page.json"));
        var client = _service.CreateClient();

        var result = await _service.Clock.RunAsync(client.WaitForResultAsync(Fixture.JobId, TestContext.Current.CancellationToken));

        Assert.Equal("receipt.jpg", result.File.Name);
        Assert.Equal(2, _service.Requests.Count);
    }

    [Fact]
    public async Task A_location_outside_a_long_base_path_is_fetched_on_the_same_origin()
    {
        const string Prefix = "/a/rather/long/prefix/in/front/of/the/api/";
        _service.Stub("GET", Prefix + "v2/jobs/" + Fixture.JobId, 302, headers: ("Location", "/v2/x"));
        _service.Stub("GET", "/v2/x", 200, Fixture.Text("result-1-page.json"));
        var client = _service.CreateClient(o => o.BaseAddress = new Uri(_service.BaseAddress, Prefix));

        var result = await _service.Clock.RunAsync(client.WaitForResultAsync(Fixture.JobId, TestContext.Current.CancellationToken));

        Assert.Equal("receipt.jpg", result.File.Name);
    }

    [Theory]
    [InlineData("http://api.example.com/")]
    [InlineData("ftp://127.0.0.1/")]
    [InlineData("https://user:pass@api.example.com/")]
    [InlineData("https://api.example.com/?x=1")]
    public void A_base_address_that_would_leak_the_key_is_refused(string address)
    {
        var ex = Assert.Throws<ArgumentException>(() => new MindeeOcrClient(NewHttpClient(), new MindeeOcrOptions { ApiKey = "k", BaseAddress = new Uri(address) }));
        Assert.Contains("MindeeOcrOptions.BaseAddress", ex.Message, StringComparison.Ordinal);
        Assert.Contains("MINDEE_V2_BASE_URL", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000/")]
    [InlineData("http://localhost:5000/")]
    [InlineData("http://[::1]:5000/")]
    [InlineData("https://api-v2.mindee.net/")]
    public void Https_or_loopback_http_is_accepted(string address)
    {
        var error = Record.Exception(() => new MindeeOcrClient(NewHttpClient(), new MindeeOcrOptions { ApiKey = "k", BaseAddress = new Uri(address) }));
        Assert.Null(error);
    }
}
