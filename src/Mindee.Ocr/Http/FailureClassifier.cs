using System;
using System.IO;
using System.Net.Http;

namespace Mindee.Ocr.Http;

/// <summary>
/// Decides, once and where a request failed, what kind of failure it was: the one place that
/// reads the network stack's exceptions. Everything after (retries, messages, the batch) reads
/// the <see cref="MindeeOcrFailureKind"/> it gives.
/// </summary>
internal static class FailureClassifier
{
    /// <summary>Whether <paramref name="exception"/>, thrown by sending or reading, is a network failure this class classifies.</summary>
    public static bool IsNetworkFailure(Exception exception) =>
        exception is OperationCanceledException or HttpRequestException or IOException;

    /// <summary>
    /// The kind of a network failure. <paramref name="bodyStarted"/> says whether the request's
    /// body began to be written: a request whose body never started left nothing of its document,
    /// whatever the exception says.
    /// </summary>
    public static MindeeOcrFailureKind Classify(Exception exception, bool hasBody, bool bodyStarted, bool timedOut)
    {
        if (IsConnectFailure(exception) || (hasBody && !bodyStarted))
        {
            return MindeeOcrFailureKind.ConnectFailed;
        }

        return timedOut || IsTimeout(exception) ? MindeeOcrFailureKind.Timeout : MindeeOcrFailureKind.ConnectionLost;
    }

    /// <summary>
    /// The connection could not be opened at all (refused, name not resolved, TLS handshake, proxy
    /// tunnel, connect timeout): no byte of the request reached the service.
    /// </summary>
    internal static bool IsConnectFailure(Exception exception)
    {
        // SocketsHttpHandler reports its ConnectTimeout as a cancellation whose cause is a
        // TimeoutException of its own, with no cause: "A connection could not be established within
        // the configured ConnectTimeout". HttpClient.Timeout instead wraps the cancellation it caused
        // (TimeoutException → OperationCanceledException → …), whatever phase the request was in.
        if (exception is OperationCanceledException { InnerException: TimeoutException { InnerException: not OperationCanceledException } })
        {
            return true;
        }

        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException request && IsConnectError(request))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsTimeout(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is TimeoutException or OperationCanceledException)
            {
                return true;
            }
        }

        return false;
    }

#if NETSTANDARD2_0
    // netstandard2.0 has no HttpRequestError: read the cause inside. On .NET Framework it is a
    // WebException; on .NET (Core), a SocketException or an AuthenticationException.
    private static bool IsConnectError(HttpRequestException request) =>
        request.InnerException switch
        {
            System.Net.WebException web => web.Status is System.Net.WebExceptionStatus.ConnectFailure
                or System.Net.WebExceptionStatus.NameResolutionFailure
                or System.Net.WebExceptionStatus.ProxyNameResolutionFailure
                or System.Net.WebExceptionStatus.SecureChannelFailure
                or System.Net.WebExceptionStatus.TrustFailure,
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
    private static bool IsConnectError(HttpRequestException request) =>
        request.HttpRequestError is HttpRequestError.ConnectionError
            or HttpRequestError.NameResolutionError
            or HttpRequestError.SecureConnectionError
            or HttpRequestError.ProxyTunnelError;
#endif
}
