using System;
using System.Net.Http;

namespace Mindee.Ocr.Http;

/// <summary>Reads a response's <c>Retry-After</c>: seconds, or an HTTP date measured on the client's clock.</summary>
internal static class RetryAfter
{
    public static TimeSpan? Read(HttpResponseMessage response, TimeProvider time)
    {
        var header = response.Headers.RetryAfter;
        if (header is null)
        {
            return null;
        }

        if (header.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }
}
