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
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException request && IsConnectError(request))
            {
                return true;
            }

            // SocketsHttpHandler reports its ConnectTimeout as a cancellation whose cause is a
            // TimeoutException; HttpClient then wraps that cancellation in its own timeout
            // exception. So a cancellation caused by a timeout, below the outer timeout, is a
            // connect timeout; HttpClient.Timeout alone never nests one.
            if (e is TimeoutException && e.InnerException is { } inner && HasTimedOutCancellation(inner))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasTimedOutCancellation(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is OperationCanceledException { InnerException: TimeoutException })
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
    // netstandard2.0 has no HttpRequestError: read the socket error or TLS failure inside.
    private static bool IsConnectError(HttpRequestException request) =>
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
    private static bool IsConnectError(HttpRequestException request) =>
        request.HttpRequestError is HttpRequestError.ConnectionError
            or HttpRequestError.NameResolutionError
            or HttpRequestError.SecureConnectionError
            or HttpRequestError.ProxyTunnelError;
#endif
}
