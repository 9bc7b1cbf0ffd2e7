using System;
using System.Net;

namespace Mindee.Ocr.Http;

/// <summary>
/// The API key goes to one origin only: the configured base address's scheme, host and port.
/// HTTPS is required, except on loopback (local tests and fakes).
/// </summary>
internal static class OriginPolicy
{
    /// <summary>Why <paramref name="baseAddress"/> cannot be the service's address (a phrase such as "it must use https"), or null when it can.</summary>
    public static string? CheckBaseAddress(Uri baseAddress)
    {
        if (!baseAddress.IsAbsoluteUri)
        {
            return "it is not an absolute URL";
        }

        if (baseAddress.Scheme != Uri.UriSchemeHttps && !(baseAddress.Scheme == Uri.UriSchemeHttp && IsLoopback(baseAddress)))
        {
            return "it must use https (plain http is allowed on loopback only), so the API key is never sent in clear";
        }

        return string.IsNullOrEmpty(baseAddress.Query) && string.IsNullOrEmpty(baseAddress.Fragment) && string.IsNullOrEmpty(baseAddress.UserInfo)
            ? null
            : "it must not carry credentials, a query or a fragment";
    }

    /// <summary>An address for a message: without credentials, query or fragment.</summary>
    public static string Display(Uri address) =>
        !address.IsAbsoluteUri ? address.OriginalString
        : string.IsNullOrEmpty(address.UserInfo) ? address.GetLeftPart(UriPartial.Path)
        : address.GetLeftPart(UriPartial.Path).Replace(address.UserInfo + "@", "[credentials]@", StringComparison.Ordinal);

    public static bool IsSameOrigin(Uri baseAddress, Uri candidate) =>
        candidate.IsAbsoluteUri
        && string.Equals(candidate.Scheme, baseAddress.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(candidate.IdnHost, baseAddress.IdnHost, StringComparison.OrdinalIgnoreCase)
        && candidate.Port == baseAddress.Port;

    /// <summary>
    /// Resolves <paramref name="target"/> (absolute or relative to the base) and refuses it when
    /// it is on another origin, before any request is built, so the key is not sent there.
    /// </summary>
    /// <exception cref="MindeeOcrException">The URL is on another origin (<see cref="MindeeOcrFailureKind.OriginRefused"/>).</exception>
    public static Uri RequireSameOrigin(Uri baseAddress, Uri target, string what, Redactor redactor)
    {
        var absolute = target.IsAbsoluteUri ? target : new Uri(baseAddress, target);
        if (!IsSameOrigin(baseAddress, absolute))
        {
            // Scheme, host and port only: the URL came from the service, and its user info or host
            // may be anything, the key included.
            throw new MindeeOcrException(
                redactor.Redact($"The service gave a {what} on another origin ({Origin(absolute)}) than the configured " +
                $"base address ({Origin(baseAddress)}); the client refuses to send the API key there, so nothing was sent."),
                MindeeOcrFailureKind.OriginRefused);
        }

        return absolute;
    }

    private static string Origin(Uri uri) => uri.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped);

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
}
