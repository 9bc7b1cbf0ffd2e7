using System;
using System.Linq;
using System.Net.Http;
using System.Threading;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Mindee.Ocr;
using Mindee.Ocr.Configuration;
using Mindee.Ocr.Http;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Mindee OCR client with dependency injection.</summary>
/// <remarks>
/// The returned <see cref="IHttpClientBuilder"/> accepts your own handlers. A resilience handler
/// added to it must not retry <c>POST</c>s: the client already retries an enqueue where that is
/// safe, and a blind retry can bill a document twice.
/// </remarks>
public static class MindeeOcrServiceCollectionExtensions
{
    /// <summary>The name of the client's <see cref="System.Net.Http.HttpClient"/> in the HTTP client factory.</summary>
    public const string HttpClientName = "Mindee.Ocr";

    /// <summary>
    /// Registers <see cref="MindeeOcrClient"/> and <see cref="IMindeeOcrClient"/>, configured from
    /// the section <c>Mindee</c> of the registered <see cref="IConfiguration"/> (if any), then the
    /// environment variables (<c>MINDEE_V2_API_KEY</c>, <c>MINDEE_V2_OCR_MODEL_ID</c>, <c>MINDEE_V2_BASE_URL</c>).
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The client's HTTP builder, to add handlers.</returns>
    public static IHttpClientBuilder AddMindeeOcr(this IServiceCollection services) =>
        AddMindeeOcr(services, section: null, configure: null);

    /// <summary>
    /// Registers the client, configured by <paramref name="configure"/> over the section
    /// <c>Mindee</c> of the registered <see cref="IConfiguration"/> (if any) and the environment variables.
    /// </summary>
    /// <example>
    /// <code>
    /// services.AddMindeeOcr(o => { o.ApiKey = "…"; o.ModelId = "…"; });
    /// </code>
    /// </example>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets options explicitly; these win over configuration and environment.</param>
    /// <returns>The client's HTTP builder, to add handlers.</returns>
    public static IHttpClientBuilder AddMindeeOcr(this IServiceCollection services, Action<MindeeOcrOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return AddMindeeOcr(services, section: null, configure);
    }

    /// <summary>Registers the client, configured from <paramref name="section"/>, then the environment variables.</summary>
    /// <example>
    /// <code>
    /// services.AddMindeeOcr(configuration.GetSection("Mindee"));
    /// </code>
    /// </example>
    /// <param name="services">The services.</param>
    /// <param name="section">The configuration section holding the options (ApiKey, ModelId, BaseAddress, …).</param>
    /// <returns>The client's HTTP builder, to add handlers.</returns>
    public static IHttpClientBuilder AddMindeeOcr(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return AddMindeeOcr(services, section, configure: null);
    }

    private static IHttpClientBuilder AddMindeeOcr(IServiceCollection services, IConfiguration? section, Action<MindeeOcrOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(services);

        // The section the options come from, asked by the binding below and by the validator, so an
        // error names the key that was really read. A later call's section replaces an earlier one's.
        bool firstCall = !services.Any(d => d.ServiceType == typeof(MindeeOcrSection));
        services.Replace(ServiceDescriptor.Singleton(new MindeeOcrSection(section)));
        var options = services.AddOptions<MindeeOcrOptions>();
        if (firstCall)
        {
            options.Configure<IServiceProvider>(static (o, provider) =>
            {
                if (provider.GetRequiredService<MindeeOcrSection>().Resolve(provider) is { } source)
                {
                    MindeeOcrConfigurationBinding.Bind(source, o);
                }
            });
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MindeeOcrOptions>, MindeeOcrOptionsValidator>());
        options.ValidateOnStart();

        var builder = services
            .AddHttpClient(HttpClientName)
            .ConfigureHttpClient(static http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(static provider =>
            {
                var o = provider.GetRequiredService<IOptionsMonitor<MindeeOcrOptions>>().CurrentValue;
                return SharedHandlers.CreateHandler(o.Proxy, o.ConnectTimeout);
            })
            .RedactLoggedHeaders(static header => string.Equals(header, "Authorization", StringComparison.OrdinalIgnoreCase))
            .AddTypedClient<MindeeOcrClient>(CreateClient);

        services.TryAddTransient<IMindeeOcrClient>(static provider => provider.GetRequiredService<MindeeOcrClient>());
        return builder;
    }

    private static MindeeOcrClient CreateClient(HttpClient http, IServiceProvider provider) =>
        new(
            http,
            provider.GetRequiredService<IOptionsMonitor<MindeeOcrOptions>>().CurrentValue,
            provider.GetService<TimeProvider>(),
            provider.GetService<ILoggerFactory>());
}
