using System;
using System.Net;
using System.Runtime.CompilerServices;
using Mindee.Ocr.Http;
using Xunit;

namespace Mindee.Ocr.Tests;

/// <summary>
/// Standalone clients share their handlers (one per distinct proxy and connect timeout), and never
/// keep one for the life of the process per client (defect 3: a handler per proxy instance, forever).
/// </summary>
public sealed class SharedHandlerTests
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(7.25);

    [Fact]
    public void Equal_web_proxies_made_for_each_client_share_one_handler()
    {
        var first = SharedHandlers.GetHandler(new WebProxy("http://proxy.example.com:3128"), ConnectTimeout);
        var second = SharedHandlers.GetHandler(new WebProxy("http://proxy.example.com:3128"), ConnectTimeout);
        var other = SharedHandlers.GetHandler(new WebProxy("http://proxy.example.com:3129"), ConnectTimeout);
        var bypassing = SharedHandlers.GetHandler(new WebProxy("http://proxy.example.com:3128", BypassOnLocal: true), ConnectTimeout);

        Assert.Same(first, second);
        Assert.NotSame(first, other);
        Assert.NotSame(first, bypassing);
        Assert.Same(SharedHandlers.GetHandler(null, ConnectTimeout), SharedHandlers.GetHandler(null, ConnectTimeout));
    }

    [Fact]
    public void A_proxy_with_its_own_credentials_is_never_shared_with_another_one()
    {
        var alice = new WebProxy("http://proxy.example.com:3128") { Credentials = new NetworkCredential("alice", "a") };
        var bob = new WebProxy("http://proxy.example.com:3128") { Credentials = new NetworkCredential("bob", "b") };

        Assert.NotSame(SharedHandlers.GetHandler(alice, ConnectTimeout), SharedHandlers.GetHandler(bob, ConnectTimeout));
        Assert.Same(SharedHandlers.GetHandler(alice, ConnectTimeout), SharedHandlers.GetHandler(alice, ConnectTimeout));
    }

    [Fact]
    public void The_handler_of_a_proxy_only_told_apart_by_instance_goes_away_with_its_clients()
    {
        var handler = ClientWithItsOwnProxy();
        for (int i = 0; i < 3 && handler.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Assert.False(handler.IsAlive, "the handler outlived every client and proxy that used it");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference ClientWithItsOwnProxy()
    {
        var proxy = new CustomProxy();
        var client = new MindeeOcrClient(new MindeeOcrOptions { ApiKey = "k", BaseAddress = new Uri("https://api.example.com/"), Proxy = proxy, ConnectTimeout = ConnectTimeout });
        GC.KeepAlive(client);
        return new WeakReference(SharedHandlers.GetHandler(proxy, ConnectTimeout));
    }

    private sealed class CustomProxy : IWebProxy
    {
        public ICredentials? Credentials { get; set; }

        public Uri GetProxy(Uri destination) => new("http://proxy.example.com:3128");

        public bool IsBypassed(Uri host) => false;
    }
}
