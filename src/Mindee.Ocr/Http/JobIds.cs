using System;

namespace Mindee.Ocr.Http;

/// <summary>
/// What a job or inference id may hold, whoever gives it (the caller, or the service's answer):
/// ids go into URL paths, so white space, slashes, '?', '#' and dot segments are never ids.
/// </summary>
internal static class JobIds
{
    /// <summary>Why <paramref name="id"/> cannot be an id, or null when it can.</summary>
    public static string? Problem(string? id)
    {
        if (id is null || string.IsNullOrWhiteSpace(id))
        {
            return "it is empty";
        }

        foreach (var c in id)
        {
            if (char.IsControl(c) || char.IsWhiteSpace(c) || c is '/' or '\\' or '?' or '#')
            {
                return "ids hold no white space, slashes, '?' or '#'";
            }
        }

        return id is "." or ".." ? "it is a dot segment" : null;
    }

    /// <summary>Checks an id a caller gave.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="id"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="id"/> is not an id; nothing was sent.</exception>
    public static void Check(string id, string paramName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id, paramName);
        if (Problem(id) is { } problem)
        {
            throw new ArgumentException($"\"{id}\" is not an id: {problem}.", paramName);
        }
    }
}
