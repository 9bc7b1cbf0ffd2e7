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
    public void Explicit_options_win_over_the_environment()
    {
        SetEnvironment("env-key", "env-model", "https://env.example.com/");
        var options = new MindeeOcrOptions { BaseAddress = _service.BaseAddress, ModelId = "explicit" };
        Assert.Equal(_service.BaseAddress, options.BaseAddress);

        var services = new ServiceCollection();
        services.AddMindeeOcr(o => { o.ModelId = "explicit"; });
        using var provider = services.BuildServiceProvider();
        var bound = provider.GetRequiredService<IOptions<MindeeOcrOptions>>().Value;
        Assert.Equal(("explicit", new Uri("https://env.example.com/")), (bound.ModelId, bound.BaseAddress));
        Assert.IsType<MindeeOcrClient>(provider.GetRequiredService<IMindeeOcrClient>()); // valid: the key comes from the environment
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
