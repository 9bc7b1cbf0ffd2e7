using System;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Mindee.Ocr.Configuration;

/// <summary>
/// Where <c>AddMindeeOcr</c> reads its options from: the section it was given, else the section
/// <c>Mindee</c> of the registered <see cref="IConfiguration"/>, else none. Binding and validation
/// both ask it, so an error names the key that was really read.
/// </summary>
internal sealed class MindeeOcrSection(IConfiguration? section)
{
    public IConfiguration? Resolve(IServiceProvider services) =>
        section ?? services.GetService<IConfiguration>()?.GetSection(MindeeOcrConfigurationBinding.DefaultSectionName);
}
