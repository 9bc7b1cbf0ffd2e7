using System;
using System.Linq;
using Microsoft.Extensions.Options;

namespace Mindee.Ocr.Configuration;

/// <summary>
/// Validates the options when the client is first resolved (or at start-up with
/// <c>ValidateOnStart</c>): the same rules as the standalone constructor, every problem at once,
/// each naming the setting, its environment variable, and the configuration key it came from.
/// </summary>
internal sealed class MindeeOcrOptionsValidator(MindeeOcrSection section, IServiceProvider services) : IValidateOptions<MindeeOcrOptions>
{
    public ValidateOptionsResult Validate(string? name, MindeeOcrOptions options)
    {
        var errors = ClientSettings.Validate(options, MindeeOcrEnvironment.Read());
        if (errors.Count == 0)
        {
            return ValidateOptionsResult.Success;
        }

        var configuration = section.Resolve(services);
        return ValidateOptionsResult.Fail(errors.Select(e =>
            configuration is not null && MindeeOcrConfigurationBinding.SourceOf(configuration, e.Key) is { } key
                ? $"{e.Message} (configuration key '{key}')"
                : e.Message));
    }
}
