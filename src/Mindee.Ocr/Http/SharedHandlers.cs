using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Threading;

namespace Mindee.Ocr.Http;

/// <summary>
/// The handlers of standalone clients, shared so that creating many clients never exhausts
/// sockets: one per distinct (proxy, connect timeout). Proxies are told apart by what they are, not
/// by instance: <c>new WebProxy("http://proxy:3128")</c> made for each client shares one handler. A
/// proxy of another type can only be told apart by instance, so its handler lives only as long as
/// that proxy does: nothing is kept for the life of the process per client.
/// </summary>
internal static class SharedHandlers
{
    private static readonly ConcurrentDictionary<(string? Proxy, TimeSpan ConnectTimeout), HttpMessageHandler> ByValue = new();
    private static readonly ConditionalWeakTable<IWebProxy, ConcurrentDictionary<TimeSpan, HttpMessageHandler>> ByInstance = new();

    public static HttpClient CreateClient(IWebProxy? proxy, TimeSpan connectTimeout) =>
        new(GetHandler(proxy, connectTimeout), disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>The shared handler for a (proxy, connect timeout) setting, made on first use.</summary>
    internal static HttpMessageHandler GetHandler(IWebProxy? proxy, TimeSpan connectTimeout)
    {
        string? described = proxy is null ? null : Describe(proxy);
        return proxy is null || described is not null
            ? ByValue.GetOrAdd((described, connectTimeout), _ => CreateHandler(proxy, connectTimeout))
            : ByInstance.GetValue(proxy, static _ => new ConcurrentDictionary<TimeSpan, HttpMessageHandler>())
                .GetOrAdd(connectTimeout, timeout => CreateHandler(proxy, timeout));
    }

    /// <summary>
    /// The primary handler the library builds: no automatic redirects (the client handles the
    /// job endpoint's 302 itself and keeps its key), pooled connections renewed so DNS changes are
    /// seen, decompression on (answers are capped after decompression), and a connect timeout. On
    /// netstandard2.0 there is no <c>SocketsHttpHandler</c>: an <see cref="HttpClientHandler"/>
    /// without the last two (see the README).
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

    /// <summary>
    /// What a <see cref="WebProxy"/> is, as a key: its address and bypass rules, when it uses no
    /// credentials or the default ones. Null for any other proxy (another type, or credentials of its
    /// own), which is then told apart by instance.
    /// </summary>
    internal static string? Describe(IWebProxy proxy)
    {
        if (proxy.GetType() != typeof(WebProxy))
        {
            return null;
        }

        var web = (WebProxy)proxy;
        bool defaultCredentials = web.UseDefaultCredentials || ReferenceEquals(web.Credentials, CredentialCache.DefaultCredentials);
        if (web.Credentials is not null && !defaultCredentials)
        {
            return null;
        }

        return string.Join(
            "\n",
            web.Address?.AbsoluteUri ?? "direct",
            web.BypassProxyOnLocal ? "bypass-local" : "no-bypass-local",
            string.Join(" ", web.BypassList.OrderBy(b => b, StringComparer.Ordinal)),
            defaultCredentials ? "default-credentials" : "no-credentials");
    }
}
