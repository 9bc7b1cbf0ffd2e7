using System;
using System.Threading.Tasks;
using Mindee.Ocr.Harness;
using Mindee.Ocr.Tests.TestSupport;
using Xunit;

namespace Mindee.Ocr.Tests;

/// <summary>Every way the service can fail ends in a typed exception that explains itself.</summary>
public sealed class ErrorMappingTests : IDisposable
{
    private readonly MockService _service = MockService.Start();

    public void Dispose() => _service.Dispose();

    [Theory]
    [InlineData(401, "401-001", "Unauthorized")]
    [InlineData(404, "404-002", "Not Found")]
    [InlineData(422, "422-009", "Invalid fields in form")]
    public async Task A_problem_body_maps_to_every_field(int status, string code, string title)
    {
        _service.Stub("GET", MockService.ResultPath(), status, Fixture.Text($"problem-{status}.json"), "application/problem+json");
        var client = _service.CreateClient();

        var ex = await Assert.ThrowsAsync<MindeeOcrApiException>(() => client.GetResultAsync(Fixture.JobId, TestContext.Current.CancellationToken));

        Assert.Equal(status, ex.Status);
        Assert.Equal(code, ex.Code);
        Assert.Equal(title, ex.Title);
        Assert.NotNull(ex.Detail);
        Assert.Null(ex.BodyExcerpt);
        Assert.Contains($"answered {status} ({code}) to GET /v2/products/ocr/results/{Fixture.JobId}", ex.Message, StringComparison.Ordinal);
        Assert.Single(_service.Requests); // a 4xx is not retried
    }

    [Fact]
    public async Task A_422_lists_each_invalid_field()
    {
        _service.Stub("GET", MockService.JobPath(), 422, Fixture.Text("problem-422.json"));
        var client = _service.CreateClient();

        var ex = await Assert.ThrowsAsync<MindeeOcrApiException>(() => client.GetJobAsync(Fixture.JobId, TestContext.Current.CancellationToken));

        var item = Assert.Single(ex.Errors);
        Assert.Equal("#/model_id", item.Pointer);
        Assert.Equal("model_id must be a valid UUID format", item.Detail);
        Assert.Contains("model_id: model_id must be a valid UUID format", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_html_502_keeps_its_status_and_a_short_excerpt()
    {
        _service.Stub("GET", MockService.ResultPath(), 502, Fixture.Text("gateway-502.html"), "text/html");
        var client = _service.CreateClient(o => o.MaxRetryAttempts = 0);

        var ex = await Assert.ThrowsAsync<MindeeOcrApiException>(() => client.GetResultAsync(Fixture.JobId, TestContext.Current.CancellationToken));

        Assert.Equal(502, ex.Status);
        Assert.Null(ex.Problem);
        Assert.Equal("502 Bad Gateway 502 Bad Gateway nginx", ex.BodyExcerpt);
        Assert.DoesNotContain("<", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_error_body_says_so()
    {
        _service.Stub("GET", MockService.ResultPath(), 503);
        var client = _service.CreateClient(o => o.MaxRetryAttempts = 0);

        var ex = await Assert.ThrowsAsync<MindeeOcrApiException>(() => client.GetResultAsync(Fixture.JobId, TestContext.Current.CancellationToken));

        Assert.Equal(503, ex.Status);
        Assert.Null(ex.BodyExcerpt);
        Assert.Contains("empty body", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_long_non_json_body_is_cut_and_the_key_redacted()
    {
        var body = "error: upstream rejected key " + MockService.ApiKey + " " + new string('x', 5000);
        _service.Stub("GET", MockService.ResultPath(), 400, body, "text/plain");
        var client = _service.CreateClient();

        var ex = await Assert.ThrowsAsync<MindeeOcrApiException>(() => client.GetResultAsync(Fixture.JobId, TestContext.Current.CancellationToken));

        Assert.NotNull(ex.BodyExcerpt);
        Assert.True(ex.BodyExcerpt.Length <= 201);
        Assert.DoesNotContain(MockService.ApiKey, ex.ToString(), StringComparison.Ordinal);
        Assert.Contains("[redacted]", ex.BodyExcerpt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_truncated_json_body_is_a_typed_error_with_the_json_error_inside()
    {
        var full = Fixture.Text("result-1-page.json");
        _service.Stub("GET", MockService.ResultPath(), 200, full[..(full.Length / 2)]);
        var client = _service.CreateClient();

        var ex = await Assert.ThrowsAsync<MindeeOcrException>(() => client.GetResultAsync(Fixture.JobId, TestContext.Current.CancellationToken));

        Assert.IsType<System.Text.Json.JsonException>(ex.InnerException, exactMatch: false);
        Assert.Contains("answered 200 to GET", ex.Message, StringComparison.Ordinal);
        Assert.Contains("could not be read as an OCR result", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_200_with_html_instead_of_json_is_a_typed_error()
    {
        _service.Stub("GET", MockService.JobPath(), 200, "<html>maintenance</html>", "text/html");
        var client = _service.CreateClient();

        var ex = await Assert.ThrowsAsync<MindeeOcrException>(() => client.GetJobAsync(Fixture.JobId, TestContext.Current.CancellationToken));

        Assert.IsType<System.Text.Json.JsonException>(ex.InnerException, exactMatch: false);
    }

    [Fact]
    public async Task A_problem_body_without_the_problem_fields_is_shown_as_an_excerpt()
    {
        _service.Stub("GET", MockService.ResultPath(), 404, """{"detail_x":"Not Found"}""");
        var client = _service.CreateClient();

        var ex = await Assert.ThrowsAsync<MindeeOcrApiException>(() => client.GetResultAsync(Fixture.JobId, TestContext.Current.CancellationToken));

        Assert.Equal(404, ex.Status);
        Assert.Equal("""{"detail_x":"Not Found"}""", ex.BodyExcerpt);
    }

    [Fact]
    public async Task A_problem_with_a_null_error_item_is_shown_as_an_excerpt_not_a_crash()
    {
        _service.Stub("GET", MockService.ResultPath(), 422, """{"status":422,"title":"Invalid","code":"422-009","detail":"x","errors":[null]}""");
        var client = _service.CreateClient();

        var ex = await Assert.ThrowsAsync<MindeeOcrApiException>(() => client.GetResultAsync(Fixture.JobId, TestContext.Current.CancellationToken));

        Assert.Equal(422, ex.Status);
        Assert.Contains("422-009", ex.BodyExcerpt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_connection_is_a_typed_error_with_the_network_error_inside()
    {
        var port = MockService.FreePort();
        var client = new MindeeOcrClient(MockService.NewHttpClient(), _service.Options(o => { o.BaseAddress = new Uri($"http://127.0.0.1:{port}/"); o.MaxRetryAttempts = 0; }), _service.Clock);

        var ex = await Assert.ThrowsAsync<MindeeOcrException>(() => client.GetJobAsync(Fixture.JobId, TestContext.Current.CancellationToken));

        Assert.Equal(MindeeOcrFailureKind.ConnectFailed, ex.Kind);
        Assert.IsType<System.Net.Http.HttpRequestException>(ex.InnerException);
        Assert.StartsWith($"GET /v2/jobs/{Fixture.JobId} could not connect:", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(MockService.ApiKey, ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_with_no_answer_times_out_on_the_clients_clock()
    {
        using var silent = LoopbackHttpServer.Silent();
        var client = _service.CreateClient(o => { o.BaseAddress = silent.BaseAddress; o.RequestTimeout = TimeSpan.FromSeconds(20); o.MaxRetryAttempts = 0; });
        _service.Clock.RequestTimeoutThreshold = TimeSpan.FromSeconds(21);

        var ex = await Assert.ThrowsAsync<MindeeOcrException>(() => _service.Clock.RunAsync(client.GetJobAsync(Fixture.JobId, TestContext.Current.CancellationToken)));

        Assert.Equal(MindeeOcrFailureKind.Timeout, ex.Kind);
        Assert.IsType<TimeoutException>(ex.InnerException);
        Assert.Contains("within 20 s", ex.Message, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(20), _service.Clock.Advanced);
    }

    [Fact]
    public async Task The_callers_cancellation_stays_an_operation_canceled_exception()
    {
        using var silent = LoopbackHttpServer.Silent();
        var client = _service.CreateClient(o => o.BaseAddress = silent.BaseAddress);
        using var cts = new System.Threading.CancellationTokenSource();

        var call = client.GetJobAsync(Fixture.JobId, cts.Token);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }

    [Fact]
    public void Exception_messages_read_well_on_their_own()
    {
        var problem = new MindeeProblem { Status = 422, Title = "Invalid fields in form", Code = "422-009", Detail = "One or more fields failed validation.", Errors = [new MindeeProblemItem { Pointer = "#/model_id", Detail = "must be a UUID" }] };
        var ex = new MindeeOcrApiException(422, problem, null, null, "POST /v2/products/ocr/enqueue");
        Assert.Equal(
            "The Mindee OCR API answered 422 (422-009) to POST /v2/products/ocr/enqueue: Invalid fields in form. One or more fields failed validation (model_id: must be a UUID).",
            ex.Message);
        var failed = new MindeeOcrJobFailedException("job-1", new MindeeProblem { Status = 422, Title = "Unreadable document", Code = "422-102", Detail = "Corrupted." });
        Assert.Equal("Mindee OCR job 'job-1' failed: 422-102: Unreadable document: Corrupted.", failed.Message);
        var timeout = new MindeeOcrTimeoutException("job-1", TimeSpan.FromSeconds(600), null);
        Assert.Contains("WaitForResultAsync(\"job-1\")", timeout.Message, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(600), timeout.Elapsed);
    }
}
