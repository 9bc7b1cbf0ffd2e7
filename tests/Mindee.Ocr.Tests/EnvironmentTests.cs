using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Mindee.Ocr.Tests.TestSupport;
using Xunit;
using static Mindee.Ocr.Tests.TestSupport.MockService;

namespace Mindee.Ocr.Tests;

/// <summary>
/// The environment-variable fallback. Environment variables are process-wide, so these tests run
/// alone (no other test runs meanwhile) and restore what they change.
/// </summary>
[Collection(nameof(RunsAlone))]
public sealed class EnvironmentTests : IDisposable
{
    private readonly MockService _service = Start();
    private readonly (string Name, string? Value)[] _saved =
        [.. new[] { MindeeOcrOptions.ApiKeyEnvironmentVariable, MindeeOcrOptions.ModelIdEnvironmentVariable, MindeeOcrOptions.BaseAddressEnvironmentVariable }
            .Select(n => (n, Environment.GetEnvironmentVariable(n)))];

    public void Dispose()
    {
        foreach (var (name, value) in _saved)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        _service.Dispose();
    }

    private static void SetEnvironment(string? key, string? model, string? baseUrl)
    {
        Environment.SetEnvironmentVariable(MindeeOcrOptions.ApiKeyEnvironmentVariable, key);
        Environment.SetEnvironmentVariable(MindeeOcrOptions.ModelIdEnvironmentVariable, model);
        Environment.SetEnvironmentVariable(MindeeOcrOptions.BaseAddressEnvironmentVariable, baseUrl);
    }

    [Fact]
    public async Task A_standalone_client_falls_back_to_the_environment()
    {
        SetEnvironment("env-key", "env-model", _service.BaseAddress.ToString());
        _service.Stub("POST", EnqueuePath, 202, _service.JobJson("job-processing.json"));

        var client = new MindeeOcrClient(new MindeeOcrOptions());
        await client.EnqueueAsync(OcrInput.FromBytes(Documents.Pdf(), "a.pdf"), cancellationToken: TestContext.Current.CancellationToken);

        var request = _service.Requests.Single();
        Assert.Equal("env-key", request.RequestMessage.Headers!["Authorization"].Single());
        Assert.Equal("env-model", Multipart.Parse(request).Single(p => p.Name == "model_id").Text);
    }

    [Fact]
    public async Task Explicit_options_win_over_the_environment_and_the_options_object_does_not_read_it()
    {
        using var elsewhere = Start();
        SetEnvironment("env-key", "env-model", elsewhere.BaseAddress.ToString());
        _service.Stub("GET", JobPath(), 200, _service.JobJson("job-processing.json"));
        elsewhere.Stub("GET", JobPath(), 200, _service.JobJson("job-processing.json"));

        Assert.Null(new MindeeOcrOptions().BaseAddress); // the environment is read when a client is built
        await new MindeeOcrClient(new MindeeOcrOptions { BaseAddress = _service.BaseAddress }).GetJobAsync(Fixture.JobId, TestContext.Current.CancellationToken);

        var services = new ServiceCollection();
        services.AddMindeeOcr(o => o.ApiKey = "explicit-key");
        using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<IMindeeOcrClient>().GetJobAsync(Fixture.JobId, TestContext.Current.CancellationToken);

        Assert.Equal("env-key", _service.Requests.Single().RequestMessage.Headers!["Authorization"].Single());
        Assert.Equal("explicit-key", elsewhere.Requests.Single().RequestMessage.Headers!["Authorization"].Single());
    }

    [Theory]
    [InlineData("localhost:9")]
    [InlineData("127.0.0.1 :8080")]
    [InlineData("api-v2.mindee.net")]
    [InlineData("http://api.example.com/")]
    public void An_unreadable_base_url_in_the_environment_is_an_error_naming_the_variable_and_its_value(string value)
    {
        SetEnvironment("env-key", "env-model", value);

        var standalone = Assert.Throws<ArgumentException>(() => new MindeeOcrClient(new MindeeOcrOptions()));
        var services = new ServiceCollection();
        services.AddMindeeOcr();
        using var provider = services.BuildServiceProvider();
        var injected = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IMindeeOcrClient>());

        foreach (var message in new[] { standalone.Message, injected.Message })
        {
            Assert.Contains("MINDEE_V2_BASE_URL", message, StringComparison.Ordinal);
            Assert.Contains($"'{value.TrimEnd('/')}", message, StringComparison.Ordinal);
            Assert.Contains("nothing was sent", message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_unreadable_base_url_is_shown_without_credentials_or_the_key()
    {
        SetEnvironment("env-key-0123456789", "env-model", "https://someone:hunter2@ api.example.com/");
        var withCredentials = Assert.Throws<ArgumentException>(() => new MindeeOcrClient(new MindeeOcrOptions()));
        SetEnvironment("env-key-0123456789", "env-model", "env-key-0123456789");
        var swapped = Assert.Throws<ArgumentException>(() => new MindeeOcrClient(new MindeeOcrOptions()));

        Assert.Contains("'https://[credentials]@ api.example.com/'", withCredentials.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", withCredentials.Message, StringComparison.Ordinal);
        Assert.Contains("MINDEE_V2_BASE_URL is '[redacted]'", swapped.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("env-key-0123456789", swapped.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_invalid_setting_is_reported_at_once()
    {
        SetEnvironment(null, null, null);
        var options = new MindeeOcrOptions { RequestTimeout = TimeSpan.Zero, MaxRetryAttempts = -1, Polling = new PollingOptions { Jitter = 2 } };

        var ex = Assert.Throws<ArgumentException>(() => new MindeeOcrClient(options));

        Assert.Contains("MindeeOcrOptions.ApiKey is not set", ex.Message, StringComparison.Ordinal);
        Assert.Contains("MindeeOcrOptions.RequestTimeout", ex.Message, StringComparison.Ordinal);
        Assert.Contains("MindeeOcrOptions.MaxRetryAttempts", ex.Message, StringComparison.Ordinal);
        Assert.Contains("MindeeOcrOptions.Polling.Jitter", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_api_key_fails_on_resolution_naming_the_setting_and_the_variable()
    {
        SetEnvironment(null, null, null);
        var services = new ServiceCollection();
        services.AddMindeeOcr(o => { o.ApiKey = null; o.BaseAddress = _service.BaseAddress; });
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IMindeeOcrClient>());

        Assert.Contains("MindeeOcrOptions.ApiKey", ex.Message, StringComparison.Ordinal);
        Assert.Contains("MINDEE_V2_API_KEY", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_service.Requests);
    }

    [Fact]
    public async Task Invalid_options_stop_the_host_at_start_up()
    {
        SetEnvironment(null, null, null);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddMindeeOcr(o => o.BaseAddress = new Uri("https://api.example.com/"));
        using var host = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("MINDEE_V2_API_KEY", ex.Message, StringComparison.Ordinal);
    }
}
