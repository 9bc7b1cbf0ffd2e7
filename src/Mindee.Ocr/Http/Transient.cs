using System;
using System.IO;
using System.Net.Http;
using System.Text.Json;

namespace Mindee.Ocr.Http;

/// <summary>Which failures are worth another try, and which are safe to repeat for an upload.</summary>
internal static class Transient
{
    /// <summary>A failure a <c>GET</c> may be repeated after: network errors, timeouts, 408, 429 and 5xx.</summary>
    public static bool IsRetryableGet(Exception? exception) => exception switch
    {
        MindeeOcrApiException api => api.Status is 408 or 429 or >= 500,
        MindeeOcrException { InnerException: HttpRequestException or IOException or TimeoutException } => true,
        _ => false,
    };

    /// <summary>A 2xx answer whose body could not be read (truncated, not JSON): worth another poll.</summary>
    public static bool IsUnreadableBody(Exception? exception) =>
        exception is MindeeOcrException { InnerException: JsonException } and not MindeeOcrApiException;

    /// <summary>
    /// The connection could not be opened at all (refused, name not resolved, TLS handshake,
    /// proxy tunnel): no byte of the request reached the service, so even an upload may be repeated.
    /// </summary>
    public static bool IsConnectFailure(Exception? exception) =>
        exception is MindeeOcrException { InnerException: HttpRequestException request } && IsConnectFailure(request);

#if NETSTANDARD2_0
    // netstandard2.0 has no HttpRequestError: read the socket error or TLS failure inside.
    private static bool IsConnectFailure(HttpRequestException request) =>
        request.InnerException switch
        {
            System.Net.Sockets.SocketException socket => socket.SocketErrorCode is System.Net.Sockets.SocketError.ConnectionRefused
                or System.Net.Sockets.SocketError.HostNotFound
                or System.Net.Sockets.SocketError.TryAgain
                or System.Net.Sockets.SocketError.NoData
                or System.Net.Sockets.SocketError.HostUnreachable
                or System.Net.Sockets.SocketError.NetworkUnreachable,
            System.Security.Authentication.AuthenticationException => true,
            _ => false,
        };
#else
    private static bool IsConnectFailure(HttpRequestException request) =>
        request.HttpRequestError is HttpRequestError.ConnectionError
            or HttpRequestError.NameResolutionError
            or HttpRequestError.SecureConnectionError
            or HttpRequestError.ProxyTunnelError;
#endif
}
