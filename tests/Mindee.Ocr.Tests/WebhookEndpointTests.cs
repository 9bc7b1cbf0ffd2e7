using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Mindee.Ocr.Tests.TestSupport;
using Xunit;

namespace Mindee.Ocr.Tests;

/// <summary>The ASP.NET Core endpoint, over real HTTP on Kestrel on loopback.</summary>
public sealed class WebhookEndpointTests : IAsyncLifetime
{
    private const string Secret = "whsec_endpoint_secret_1234";
    private const string StalledHeader = "X-Test-Stalled-Body";
    private readonly ConcurrentQueue<OcrWebhookDelivery> _handled = new();
    private readonly FakeLogCollector _logs = new();
    private WebApplication? _app;
    private HttpClient? _http;

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(_logs));
        _app = builder.Build();
        // What Kestrel does to a body that arrives too slowly (MinRequestBodyDataRate), without waiting for it.
        _app.Use(next => context =>
        {
            if (context.Request.Headers.ContainsKey(StalledHeader))
            {
                context.Request.Body = new StalledBody();
            }

            return next(context);
        });
        _app.MapMindeeOcrWebhook(
            "/webhooks/mindee",
            (delivery, _) =>
            {
                _handled.Enqueue(delivery);
                return Task.CompletedTask;
            },
            o => { o.SigningSecret = Secret; o.MaxBodyBytes = 64 * 1024; });
        await _app.StartAsync();
        _http = new HttpClient { BaseAddress = new Uri(_app.Urls.First()) };
    }

    public async ValueTask DisposeAsync()
    {
        _http?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private async Task<HttpStatusCode> PostAsync(byte[] body, string? header = OcrWebhookSignature.HeaderName, string? signature = null, bool chunked = false)
    {
        using var content = chunked ? (HttpContent)new StreamContent(new ForwardOnlyStream(new MemoryStream(body))) : new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/mindee") { Content = content };
        if (header is not null)
        {
            request.Headers.TryAddWithoutValidation(header, signature ?? OcrWebhookSignature.Compute(body, Secret));
        }

        using var response = await _http!.SendAsync(request, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    [Fact]
    public async Task A_signed_result_reaches_the_handler_as_a_result()
    {
        Assert.Equal(HttpStatusCode.OK, await PostAsync(Fixture.Bytes("result-1-page.json")));

        var delivery = Assert.Single(_handled);
        Assert.True(delivery.IsSuccess);
        Assert.Equal("Total 42.00", delivery.Inference.Result.Pages[0].Content);
    }

    [Fact]
    public async Task A_signed_failure_reaches_the_handler_as_a_failure_with_the_alternate_header()
    {
        var body = Encoding.UTF8.GetBytes("""{"inference_id":"inf-1","model_id":"m","file_name":"a.pdf","file_alias":null,"error":{"status":422,"title":"Unreadable","code":"422-102","detail":"x"},"created_at":"2025-07-03T14:27:58"}""");

        Assert.Equal(HttpStatusCode.OK, await PostAsync(body, OcrWebhookSignature.AlternateHeaderName));

        var delivery = Assert.Single(_handled);
        Assert.False(delivery.IsSuccess);
        Assert.Equal("inf-1", delivery.InferenceId);
    }

    [Theory]
    [InlineData(OcrWebhookSignature.HeaderName, "0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData(OcrWebhookSignature.HeaderName, "")]
    [InlineData(null, null)]
    public async Task A_bad_or_missing_signature_is_401_and_the_handler_is_not_called(string? header, string? signature)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(Fixture.Bytes("result-1-page.json"), header, signature ?? (header is null ? null : "")));
        Assert.Empty(_handled);
    }

    [Fact]
    public async Task A_signed_payload_that_is_no_delivery_is_400()
    {
        Assert.Equal(HttpStatusCode.BadRequest, await PostAsync("""{"hello":"world"}"""u8.ToArray()));
        Assert.Empty(_handled);
    }

    [Fact]
    public async Task A_body_past_the_limit_is_413_whether_its_length_is_announced_or_not()
    {
        var big = Encoding.UTF8.GetBytes("{\"pad\":\"" + new string('x', 70 * 1024) + "\"}");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, await PostAsync(big));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, await PostAsync(big, chunked: true));
        Assert.Empty(_handled);
    }

    [Fact]
    public async Task The_secret_never_reaches_the_logs()
    {
        await PostAsync(Fixture.Bytes("result-1-page.json"));
        await PostAsync(Fixture.Bytes("result-1-page.json"), signature: "bad");

        var records = _logs.GetSnapshot();
        Assert.Contains(records, r => r.Message.Contains("rejected with 401", StringComparison.Ordinal));
        Assert.All(records, r => Assert.DoesNotContain(Secret, r.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_body_that_arrives_too_slowly_is_answered_408_quietly()
    {
        // Defect 11: the server's 408 surfaced as an Error-level "unhandled exception" (and a 500).
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/mindee") { Content = new ByteArrayContent(Fixture.Bytes("result-1-page.json")) };
        request.Headers.Add(StalledHeader, "1");

        using var response = await _http!.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestTimeout, response.StatusCode);
        Assert.Empty(_handled);
        var records = _logs.GetSnapshot();
        Assert.DoesNotContain(records, r => r.Level >= LogLevel.Warning);
        Assert.Contains(records, r => r.Level == LogLevel.Debug && r.Message.Contains("answered 408", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_genuine_delivery_that_quotes_the_secret_does_not_put_it_in_a_log()
    {
        var body = Encoding.UTF8.GetBytes("{\"inference_id\":\"inf-" + Secret + "\",\"error\":{\"status\":422,\"title\":\"x\"}}");

        Assert.Equal(HttpStatusCode.OK, await PostAsync(body));

        Assert.Equal("inf-" + Secret, Assert.Single(_handled).InferenceId);
        Assert.All(_logs.GetSnapshot(), r => Assert.DoesNotContain(Secret, r.Message, StringComparison.Ordinal));
        Assert.Contains(_logs.GetSnapshot(), r => r.Message.Contains("inf-[redacted]", StringComparison.Ordinal));
    }

    /// <summary>A request body the server gave up on: Kestrel's own exception for a too-slow body.</summary>
    private sealed class StalledBody : ReadForwardStream
    {
        public override int Read(Span<byte> buffer) =>
            throw new Microsoft.AspNetCore.Http.BadHttpRequestException("Reading the request body timed out due to data arriving too slowly. See MinRequestBodyDataRate.", 408);
    }
}
