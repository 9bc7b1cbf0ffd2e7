using Microsoft.Extensions.Options;
using Mindee.Ocr.Http;

namespace Mindee.Ocr.DependencyInjection;

/// <summary>
/// Validates the options when the client is first resolved (or at start-up with
/// <c>ValidateOnStart</c>): the same rules as the standalone constructor, so nothing is sent with
/// invalid options; each failure names the setting and the environment variable that would supply it.
/// </summary>
internal sealed class MindeeOcrOptionsValidator : IValidateOptions<MindeeOcrOptions>
{
    public ValidateOptionsResult Validate(string? name, MindeeOcrOptions options) =>
        ClientSettings.Validate(options) is { } error ? ValidateOptionsResult.Fail(error) : ValidateOptionsResult.Success;
}
