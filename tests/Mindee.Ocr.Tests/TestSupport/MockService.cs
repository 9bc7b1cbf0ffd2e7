using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Mindee.Ocr.Harness;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace Mindee.Ocr.Tests.TestSupport;

/// <summary>
/// A real HTTP server on loopback (WireMock.Net) standing in for the service, and clients built
/// against it on a <see cref="TestClock"/>. Request timeouts are set far beyond the clock's wait
/// threshold, so the test driver only ever advances time to the client's deliberate waits.
/// </summary>
public sealed class MockService : IDisposable
{
    public const string ApiKey = "mk-TEST-secret-0123456789abcdef";

    private MockService(WireMockServer server) => Server = server;

    public WireMockServer Server { get; }

    public TestClock Clock { get; } = new();

    public Uri BaseAddress => new(Server.Url! + "/");

    public IReadOnlyList<ILogEntry> Requests => Server.LogEntries.OrderBy(e => e.RequestMessage.DateTime).ToList();

    public static MockService Start() =>
        new(WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://127.0.0.1:{FreePort()}"], StartAdminInterface = false }));

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public MindeeOcrOptions Options(Action<MindeeOcrOptions>? configure = null)
    {
        var options = new MindeeOcrOptions
        {
            ApiKey = ApiKey,
            ModelId = Fixture.ModelId,
            BaseAddress = BaseAddress,
            RequestTimeout = TimeSpan.FromHours(1),
            UploadTimeout = TimeSpan.FromHours(2),
        };
        configure?.Invoke(options);
        return options;
    }

    public MindeeOcrClient CreateClient(Action<MindeeOcrOptions>? configure = null, ILoggerFactory? loggerFactory = null) =>
        new(NewHttpClient(), Options(configure), Clock, loggerFactory);

    public static HttpClient NewHttpClient() =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };

    /// <summary>Answers <paramref name="method"/> <paramref name="path"/> with a status, a body and headers.</summary>
    public void Stub(string method, string path, int status, string? body = null, string contentType = "application/json", params (string Name, string Value)[] headers)
    {
        var response = Response.Create().WithStatusCode(status);
        if (body is not null)
        {
            response = response.WithHeader("Content-Type", contentType).WithBody(body);
        }

        foreach (var (name, value) in headers)
        {
            response = response.WithHeader(name, value);
        }

        Server.Given(Request.Create().WithPath(path).UsingMethod(method)).RespondWith(response);
    }

    /// <summary>Answers the calls to <paramref name="path"/> in turn with each response; the last one repeats.</summary>
    public void StubSequence(string method, string path, params Func<IResponseBuilder, IResponseBuilder>[] responses)
    {
        var scenario = $"{method} {path} #{Guid.NewGuid():N}";
        for (int i = 0; i < responses.Length; i++)
        {
            var given = Server.Given(Request.Create().WithPath(path).UsingMethod(method)).InScenario(scenario);
            var state = i == 0 ? null : $"step{i}";
            if (state is not null)
            {
                given = given.WhenStateIs(state);
            }

            if (i < responses.Length - 1)
            {
                given = given.WillSetStateTo($"step{i + 1}");
            }

            given.RespondWith(responses[i](Response.Create()));
        }
    }

    public static Func<IResponseBuilder, IResponseBuilder> Json(int status, string body, params (string Name, string Value)[] headers) => r =>
    {
        var response = r.WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body);
        foreach (var (name, value) in headers)
        {
            response = response.WithHeader(name, value);
        }

        return response;
    };

    public static Func<IResponseBuilder, IResponseBuilder> Status(int status, params (string Name, string Value)[] headers) => r =>
    {
        var response = r.WithStatusCode(status);
        foreach (var (name, value) in headers)
        {
            response = response.WithHeader(name, value);
        }

        return response;
    };

    public static string JobPath(string id = Fixture.JobId) => "/v2/jobs/" + id;

    public static string ResultPath(string id = Fixture.JobId) => "/v2/products/ocr/results/" + id;

    public const string EnqueuePath = "/v2/products/ocr/enqueue";

    /// <summary>A job body whose URLs point at this server.</summary>
    public string JobJson(string fixture) => Fixture.Text(fixture).Replace("https://api-v2.mindee.net/", BaseAddress.ToString(), StringComparison.Ordinal);

    public void Dispose()
    {
        Server.Stop();
        Server.Dispose();
    }
}
