using System;

namespace Mindee.Ocr.Input;

/// <summary>Checks the names that travel with a document.</summary>
internal static class FileNames
{
    /// <exception cref="ArgumentException">The name is empty or holds a control character (a line break would break the form).</exception>
    public static string Check(string? name, string paramName)
    {
        if (name is null || string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("The file name is empty; give the document a name such as \"invoice.pdf\".", paramName);
        }

        foreach (var c in name)
        {
            if (char.IsControl(c))
            {
                throw new ArgumentException($"The file name \"{name.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)}\" holds a control character (such as a line break); a file name cannot.", paramName);
            }
        }

        return name;
    }
}
