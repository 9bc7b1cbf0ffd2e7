using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http;
using System.Threading;

namespace Mindee.Ocr.Http;

/// <summary>
/// The handlers of standalone clients: one per distinct (proxy, connect timeout), shared by every
/// client for the life of the process, so creating many clients never exhausts sockets.
/// </summary>
internal static class SharedHandlers
{
    private static readonly ConcurrentDictionary<(IWebProxy? Proxy, TimeSpan ConnectTimeout), HttpMessageHandler> Handlers = new();

    public static HttpClient CreateClient(MindeeOcrOptions options)
    {
        var handler = Handlers.GetOrAdd((options.Proxy, options.ConnectTimeout), static key => CreateHandler(key.Proxy, key.ConnectTimeout));
        return new HttpClient(handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>
    /// The primary handler the library builds: no automatic redirects (the client handles the
    /// job endpoint's 302 itself and keeps its key), pooled connections renewed so DNS changes are
    /// seen, decompression on, and a connect timeout. On netstandard2.0 there is no
    /// <c>SocketsHttpHandler</c>: an <see cref="HttpClientHandler"/> without the last two (see the README).
    /// </summary>
    public static HttpMessageHandler CreateHandler(IWebProxy? proxy, TimeSpan connectTimeout)
    {
#if NETSTANDARD2_0
        _ = connectTimeout;
        var handler = new HttpClientHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
        };
#else
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            AutomaticDecompression = DecompressionMethods.All,
            ConnectTimeout = connectTimeout > TimeSpan.Zero ? connectTimeout : TimeSpan.FromSeconds(15),
        };
#endif
        if (proxy is not null)
        {
            handler.Proxy = proxy;
            handler.UseProxy = true;
        }

        return handler;
    }
}
