using System;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Mindee.Ocr.Http;

/// <summary>The <c>User-Agent</c>: the library, its version, the .NET version and the OS.</summary>
internal static class UserAgent
{
    public static readonly string Value = Build();

    private static string Build()
    {
        var version = typeof(UserAgent).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        int plus = version.IndexOf('+', StringComparison.Ordinal);
        if (plus >= 0)
        {
            version = version[..plus];
        }

        return $"Mindee.Ocr/{version} ({Sanitize(RuntimeInformation.FrameworkDescription)}; {Sanitize(RuntimeInformation.OSDescription)}; {RuntimeInformation.ProcessArchitecture})";
    }

    // A comment in a header: printable ASCII, no parentheses.
    private static string Sanitize(string text)
    {
        var chars = text.ToCharArray();
        for (int i = 0; i < chars.Length; i++)
        {
            if (chars[i] < 0x20 || chars[i] > 0x7E || chars[i] is '(' or ')' or ';')
            {
                chars[i] = ' ';
            }
        }

        return new string(chars).Trim();
    }
}
