using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Mindee.Ocr.AspNetCore;
using Mindee.Ocr.Tests.TestSupport;
using Xunit;

namespace Mindee.Ocr.Tests;

/// <summary>Webhook handlers that take services, and a signing secret read at each request; real HTTP on Kestrel on loopback.</summary>
public sealed class WebhookHandlerTests : IAsyncDisposable
{
    private const string FirstSecret = "whsec_first_secret_0001";
    private const string RotatedSecret = "whsec_rotated_secret_0002";
    private readonly ConcurrentQueue<(string InferenceId, int Scope, string Path)> _handled = new();
    private WebApplication? _app;
    private HttpClient? _http;
    private IConfigurationRoot? _configuration;

    public async ValueTask DisposeAsync()
    {
        _http?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private async Task StartAsync(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Hooks:SigningSecret"] = FirstSecret }).Build();
        builder.Services.Configure<MindeeOcrWebhookOptions>(_configuration.GetSection("Hooks"));
        builder.Services.AddScoped<RequestScope>();
        builder.Services.AddSingleton(_handled);
        builder.Services.AddScoped<RecordingHandler>();
        _app = builder.Build();
        map(_app);
        await _app.StartAsync();
        _http = new HttpClient { BaseAddress = new Uri(_app.Urls.First()) };
    }

    private async Task<HttpStatusCode> PostAsync(string secret, string path = "/webhooks/mindee")
    {
        var body = Fixture.Bytes("result-1-page.json");
        using var content = new ByteArrayContent(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.TryAddWithoutValidation(OcrWebhookSignature.HeaderName, OcrWebhookSignature.Compute(body, secret));
        using var response = await _http!.SendAsync(request, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    private void RotateSecret()
    {
        _configuration!["Hooks:SigningSecret"] = RotatedSecret;
        _configuration.Reload();
    }

    [Fact]
    public async Task A_handler_gets_the_delivery_a_scoped_service_of_its_own_request_and_the_http_context()
    {
        await StartAsync(app => app.MapMindeeOcrWebhook(
            "/webhooks/mindee",
            (OcrWebhookDelivery delivery, RequestScope scope, HttpContext context, CancellationToken cancellationToken) =>
            {
                Assert.Equal(context.RequestAborted, cancellationToken);
                scope.Record(delivery, context.Request.Path);
            }));

        Assert.Equal(HttpStatusCode.OK, await PostAsync(FirstSecret));
        Assert.Equal(HttpStatusCode.OK, await PostAsync(FirstSecret));

        var handled = _handled.ToArray();
        Assert.Equal(2, handled.Length);
        Assert.All(handled, h => Assert.Equal((Fixture.JobId, "/webhooks/mindee"), (h.InferenceId, h.Path)));
        Assert.NotEqual(handled[0].Scope, handled[1].Scope); // one scope per request
    }

    [Fact]
    public async Task A_rotated_secret_in_configuration_takes_effect_at_the_next_request()
    {
        await StartAsync(app => app.MapMindeeOcrWebhook("/webhooks/mindee", (OcrWebhookDelivery delivery, RequestScope scope) => scope.Record(delivery, "/")));
        Assert.Equal(HttpStatusCode.OK, await PostAsync(FirstSecret));

        RotateSecret();

        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(FirstSecret));
        Assert.Equal(HttpStatusCode.OK, await PostAsync(RotatedSecret));
        Assert.Equal(2, _handled.Count);
    }

    [Fact]
    public async Task A_handler_type_comes_from_the_request_scope_and_the_builder_takes_conventions()
    {
        await StartAsync(app => app.MapMindeeOcrWebhook<RecordingHandler>("/hooks/typed").WithName("mindee-webhook").RequireHost("127.0.0.1"));

        Assert.Equal(HttpStatusCode.OK, await PostAsync(FirstSecret, "/hooks/typed"));
        RotateSecret();
        Assert.Equal(HttpStatusCode.OK, await PostAsync(RotatedSecret, "/hooks/typed"));

        Assert.Equal(2, _handled.Select(h => h.Scope).Distinct().Count());
        Assert.All(_handled, h => Assert.Equal("typed", h.Path));
        var endpoint = Assert.Single(_app!.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints);
        Assert.Equal("mindee-webhook", endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IEndpointNameMetadata>()?.EndpointName);
    }

    [Fact]
    public async Task A_handler_can_answer_with_its_own_result_and_one_that_asks_for_an_unregistered_service_fails_the_request()
    {
        await StartAsync(app =>
        {
            app.MapMindeeOcrWebhook("/webhooks/mindee", (OcrWebhookDelivery delivery) => Results.Accepted());
            app.MapMindeeOcrWebhook("/webhooks/broken", (OcrWebhookDelivery delivery, NotRegistered missing) => { });
            app.MapMindeeOcrWebhook("/webhooks/optional", (OcrWebhookDelivery delivery, RequestScope scope, NotRegistered? missing) => scope.Record(delivery, missing is null ? "null" : "?"));
        });

        Assert.Equal(HttpStatusCode.Accepted, await PostAsync(FirstSecret));
        Assert.Equal(HttpStatusCode.InternalServerError, await PostAsync(FirstSecret, "/webhooks/broken"));
        Assert.Equal(HttpStatusCode.OK, await PostAsync(FirstSecret, "/webhooks/optional"));
        Assert.Equal("null", Assert.Single(_handled).Path);
    }

    /// <summary>A scoped service: each instance has its own number.</summary>
    private sealed class RequestScope(ConcurrentQueue<(string, int, string)> handled)
    {
        private static int s_count;

        public int Number { get; } = Interlocked.Increment(ref s_count);

        public void Record(OcrWebhookDelivery delivery, string path) => handled.Enqueue((delivery.InferenceId, Number, path));
    }

    private sealed class RecordingHandler(RequestScope scope) : IMindeeOcrWebhookHandler
    {
        public Task HandleAsync(OcrWebhookDelivery delivery, CancellationToken cancellationToken)
        {
            scope.Record(delivery, "typed");
            return Task.CompletedTask;
        }
    }

    private sealed class NotRegistered;
}
