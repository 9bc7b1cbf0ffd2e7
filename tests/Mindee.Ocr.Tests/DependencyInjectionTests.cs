using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Mindee.Ocr.Harness;
using Mindee.Ocr.Tests.TestSupport;
using Xunit;
using static Mindee.Ocr.Tests.TestSupport.MockService;

namespace Mindee.Ocr.Tests;

/// <summary>Registration, configuration and validation through Microsoft.Extensions.DependencyInjection.</summary>
public sealed class DependencyInjectionTests : IDisposable
{
    private readonly MockService _service = Start();

    public void Dispose() => _service.Dispose();

    private static ServiceProvider Build(IServiceCollection services) =>
        services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

    [Fact]
    public async Task Configured_by_a_delegate_both_types_resolve_and_reach_the_server()
    {
        _service.Stub("GET", JobPath(), 200, _service.JobJson("job-processing.json"));
        var services = new ServiceCollection();
        services.AddMindeeOcr(o => { o.ApiKey = ApiKey; o.BaseAddress = _service.BaseAddress; });
        using var provider = Build(services);

        var client = provider.GetRequiredService<IMindeeOcrClient>();
        Assert.IsType<MindeeOcrClient>(provider.GetRequiredService<MindeeOcrClient>());
        var job = await client.GetJobAsync(Fixture.JobId, TestContext.Current.CancellationToken);

        Assert.Equal(JobStatus.Processing, job.Status);
        Assert.Equal(ApiKey, _service.Requests.Single().RequestMessage.Headers!["Authorization"].Single());
    }

    [Fact]
    public async Task Configured_from_a_section_every_setting_is_bound()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Ocr:ApiKey"] = ApiKey,
            ["Ocr:ModelId"] = "model-from-config",
            ["Ocr:BaseAddress"] = _service.BaseAddress.ToString(),
            ["Ocr:RequestTimeout"] = "00:00:42",
            ["Ocr:MaxRetryAttempts"] = "5",
            ["Ocr:CheckFileType"] = "false",
            ["Ocr:Polling:Timeout"] = "00:15:00",
            ["Ocr:Polling:IntervalGrowth"] = "1.5",
        }).Build();
        var services = new ServiceCollection();
        services.AddMindeeOcr(config.GetSection("Ocr"));
        using var provider = Build(services);

        var options = provider.GetRequiredService<IOptions<MindeeOcrOptions>>().Value;
        Assert.Equal(("model-from-config", TimeSpan.FromSeconds(42), 5, false), (options.ModelId, options.RequestTimeout, options.MaxRetryAttempts, options.CheckFileType));
        Assert.Equal((TimeSpan.FromMinutes(15), 1.5), (options.Polling.Timeout, options.Polling.IntervalGrowth));

        _service.Stub("POST", EnqueuePath, 202, _service.JobJson("job-processing.json"));
        await provider.GetRequiredService<IMindeeOcrClient>().EnqueueAsync(OcrInput.FromBytes(Documents.Zip(), "a.zip"), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("model-from-config", Multipart.Parse(_service.Requests.Single()).Single(p => p.Name == "model_id").Text);
    }

    [Fact]
    public void Without_arguments_the_mindee_section_of_the_registered_configuration_is_read()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mindee:ApiKey"] = ApiKey,
            ["Mindee:ModelId"] = "from-mindee-section",
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(config);
        services.AddMindeeOcr();
        using var provider = Build(services);

        Assert.Equal("from-mindee-section", provider.GetRequiredService<IOptions<MindeeOcrOptions>>().Value.ModelId);
        Assert.IsType<MindeeOcrClient>(provider.GetRequiredService<IMindeeOcrClient>());
    }

    [Fact]
    public void Explicit_options_win_over_the_configuration_section()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mindee:ApiKey"] = "from-config",
            ["Mindee:ModelId"] = "from-config",
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(config);
        services.AddMindeeOcr(o => o.ModelId = "explicit");
        using var provider = Build(services);

        var options = provider.GetRequiredService<IOptions<MindeeOcrOptions>>().Value;
        Assert.Equal(("from-config", "explicit"), (options.ApiKey, options.ModelId));
    }

    [Theory]
    [InlineData("BaseAddress", "http://api.example.com/", "https")]
    [InlineData("BaseAddress", "not a url", "not an absolute URL")]
    [InlineData("RequestTimeout", "-00:00:01", "RequestTimeout")]
    [InlineData("UploadTimeout", "00:00:00", "UploadTimeout")]
    [InlineData("MaxRetryAttempts", "-1", "MaxRetryAttempts")]
    [InlineData("MaxResponseBytes", "10", "MaxResponseBytes")]
    [InlineData("Polling:Jitter", "0.9", "Jitter")]
    public void Each_invalid_setting_is_named_with_the_key_it_came_from(string key, string value, string expected)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Ocr:Settings:ApiKey"] = ApiKey,
            ["Ocr:Settings:" + key] = value,
        }).Build();
        var services = new ServiceCollection();
        services.AddMindeeOcr(config.GetSection("Ocr:Settings"));
        using var provider = Build(services);

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<MindeeOcrClient>());
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Contains($"(configuration key 'Ocr:Settings:{key}')", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_invalid_setting_of_a_section_is_reported_at_once()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mindee:ApiKey"] = ApiKey,
            ["Mindee:RequestTimeout"] = "-00:00:01",
            ["Mindee:Polling:Jitter"] = "0.9",
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(config);
        services.AddMindeeOcr();
        using var provider = Build(services);

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<MindeeOcrClient>());
        Assert.Equal(2, ex.Failures.Count());
        Assert.Contains("'Mindee:RequestTimeout'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'Mindee:Polling:Jitter'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("RequestTimeout", "secret-looking-value")]
    [InlineData("MaxRetryAttempts", "secret-looking-value")]
    [InlineData("Polling:IntervalGrowth", "secret-looking-value")]
    public void A_value_that_does_not_parse_names_its_full_key_and_not_its_value(string key, string value)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Ocr:ApiKey"] = ApiKey,
            ["Ocr:" + key] = value,
        }).Build();
        var services = new ServiceCollection();
        services.AddMindeeOcr(config.GetSection("Ocr"));
        using var provider = Build(services);

        var ex = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IOptions<MindeeOcrOptions>>().Value);
        Assert.Contains($"'Ocr:{key}'", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Mindee:", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(value, ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_delegating_handler_added_to_the_builder_sees_every_request()
    {
        _service.Stub("GET", JobPath(), 200, _service.JobJson("job-processing.json"));
        var seen = new List<string>();
        var services = new ServiceCollection();
        services.AddMindeeOcr(o => { o.ApiKey = ApiKey; o.BaseAddress = _service.BaseAddress; })
            .AddHttpMessageHandler(() => new RecordingHandler(seen));
        using var provider = Build(services);

        await provider.GetRequiredService<IMindeeOcrClient>().GetJobAsync(Fixture.JobId, TestContext.Current.CancellationToken);

        Assert.Equal([$"GET /v2/jobs/{Fixture.JobId}"], seen);
    }

    [Fact]
    public async Task A_registered_time_provider_drives_the_waits()
    {
        _service.StubSequence("GET", ResultPath(), Status(503, ("Retry-After", "9")), Json(200, Fixture.Text("result-1-page.json")));
        var services = new ServiceCollection().AddSingleton<TimeProvider>(_service.Clock);
        services.AddMindeeOcr(o => { o.ApiKey = ApiKey; o.BaseAddress = _service.BaseAddress; o.RequestTimeout = TimeSpan.FromHours(1); });
        using var provider = Build(services);

        await _service.Clock.RunAsync(provider.GetRequiredService<IMindeeOcrClient>().GetResultAsync(Fixture.JobId, TestContext.Current.CancellationToken));

        Assert.Equal(TimeSpan.FromSeconds(9), _service.Clock.Advanced);
    }

    [Fact]
    public async Task The_primary_handler_does_not_follow_redirects()
    {
        // A 302 on the result endpoint must reach the client, not be followed without the key.
        _service.Stub("GET", ResultPath(), 302, headers: ("Location", _service.BaseAddress + "elsewhere"));
        _service.Stub("GET", "/elsewhere", 200, Fixture.Text("result-1-page.json"));
        var services = new ServiceCollection();
        services.AddMindeeOcr(o => { o.ApiKey = ApiKey; o.BaseAddress = _service.BaseAddress; o.MaxRetryAttempts = 0; });
        using var provider = Build(services);

        await Assert.ThrowsAsync<MindeeOcrApiException>(() => provider.GetRequiredService<IMindeeOcrClient>().GetResultAsync(Fixture.JobId, TestContext.Current.CancellationToken));

        Assert.Single(_service.Requests);
    }

    [Theory]
    [InlineData("RequestTimeout")]
    [InlineData("UploadTimeout")]
    [InlineData("ConnectTimeout")]
    [InlineData("RetryMaxDelay")]
    [InlineData("Polling.Timeout")]
    [InlineData("Polling.InitialDelay")]
    [InlineData("Polling.LongJobMaxInterval")]
    public void A_duration_past_a_day_is_refused_when_the_client_is_built_naming_it(string setting)
    {
        var options = new MindeeOcrOptions { ApiKey = "k" };
        switch (setting)
        {
            case "RequestTimeout": options.RequestTimeout = TimeSpan.MaxValue; break;
            case "UploadTimeout": options.UploadTimeout = TimeSpan.MaxValue; break;
            case "ConnectTimeout": options.ConnectTimeout = TimeSpan.MaxValue; break;
            case "RetryMaxDelay": options.RetryMaxDelay = TimeSpan.FromDays(365); break;
            case "Polling.Timeout": options.Polling.Timeout = TimeSpan.MaxValue; break;
            case "Polling.InitialDelay": options.Polling.InitialDelay = TimeSpan.FromDays(60); break;
            default: options.Polling.LongJobMaxInterval = TimeSpan.MaxValue; break;
        }

        var ex = Assert.Throws<ArgumentException>(() => new MindeeOcrClient(options));

        Assert.Contains($"MindeeOcrOptions.{setting} is", ex.Message, StringComparison.Ordinal);
        Assert.Contains("at most a day", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_standalone_setting_is_an_argument_exception_naming_it()
    {
        var ex = Assert.Throws<ArgumentException>(() => new MindeeOcrClient(new MindeeOcrOptions { ApiKey = "k", RequestTimeout = TimeSpan.Zero }));
        Assert.Contains("MindeeOcrOptions.RequestTimeout", ex.Message, StringComparison.Ordinal);
        var key = Assert.Throws<ArgumentException>(() => new MindeeOcrClient(new MindeeOcrOptions { ApiKey = "two words" }));
        Assert.DoesNotContain("two words", key.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_hundred_standalone_clients_share_one_connection_pool()
    {
        using var server = LoopbackHttpServer.Answering(200, _service.JobJson("job-processing.json"));
        for (int i = 0; i < 200; i++)
        {
            var client = new MindeeOcrClient(new MindeeOcrOptions { ApiKey = ApiKey, BaseAddress = server.BaseAddress });
            var job = await client.GetJobAsync(Fixture.JobId, TestContext.Current.CancellationToken);
            Assert.Equal(Fixture.JobId, job.Id);
        }

        Assert.Equal(200, server.Requests);
        // A handler per client would have opened 200 connections; the shared one reuses its own.
        Assert.InRange(server.Connections, 1, 2);
    }

    [Fact]
    public async Task A_standalone_client_copies_its_options()
    {
        _service.Stub("GET", JobPath(), 200, _service.JobJson("job-processing.json"));
        var options = new MindeeOcrOptions { ApiKey = ApiKey, BaseAddress = _service.BaseAddress };
        var client = new MindeeOcrClient(options);
        options.ApiKey = "changed-afterwards";

        await client.GetJobAsync(Fixture.JobId, TestContext.Current.CancellationToken);

        Assert.Equal(ApiKey, _service.Requests.Single().RequestMessage.Headers!["Authorization"].Single());
    }

    private sealed class RecordingHandler(List<string> seen) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            seen.Add($"{request.Method} {request.RequestUri!.AbsolutePath}");
            return base.SendAsync(request, cancellationToken);
        }
    }
}
