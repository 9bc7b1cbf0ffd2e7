using System;
using System.IO;
using System.IO.Compression;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using Mindee.Ocr.Harness;
using Mindee.Ocr.Tests.TestSupport;
using Xunit;

namespace Mindee.Ocr.Tests;

/// <summary>
/// Defect 9: no limit on what an answer may hold, after decompression. A huge, endless or
/// decompression-bomb answer is read only up to MaxResponseBytes, then fails typed, and memory stays
/// near the limit. Run alone, so the allocation figures are this test's own.
/// </summary>
[Collection(nameof(RunsAlone))]
public sealed class ResponseLimitTests
{
    private const long Limit = 4 * 1024 * 1024;

    [Fact]
    public async Task An_endless_plain_answer_stops_at_the_limit_with_memory_near_it()
    {
        var body = new GeneratedStream("{\"inference\":{\"id\":\""u8.ToArray(), (byte)'a', 2L * 1024 * 1024 * 1024);
        using var server = LoopbackHttpServer.Handling(new AnsweringHandler(() => Answer(new StreamContent(body))));
        var client = Client(server);

        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var ex = await Assert.ThrowsAsync<MindeeOcrException>(() => client.GetResultAsync("job-1", TestContext.Current.CancellationToken));
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

        Assert.Equal(MindeeOcrFailureKind.ResponseTooLarge, ex.Kind);
        Assert.Contains("larger than 4,194,304 bytes", ex.Message, StringComparison.Ordinal);
        Assert.Contains("MaxResponseBytes", ex.Message, StringComparison.Ordinal);
        Assert.True(body.Produced < 64L * 1024 * 1024, $"the server was read for {body.Produced:N0} bytes");
        Assert.True(allocated < 4 * Limit, $"{allocated:N0} bytes allocated for a {Limit:N0}-byte limit");
    }

    [Fact]
    public async Task A_gzip_bomb_is_capped_after_decompression()
    {
        var bomb = Gzip(512L * 1024 * 1024); // about 0.5 MB on the wire
        using var server = LoopbackHttpServer.Handling(new AnsweringHandler(() =>
        {
            var content = new ByteArrayContent(bomb);
            content.Headers.ContentEncoding.Add("gzip");
            return Answer(content);
        }));
        var client = Client(server);

        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var ex = await Assert.ThrowsAsync<MindeeOcrException>(() => client.GetResultAsync("job-1", TestContext.Current.CancellationToken));
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

        Assert.Equal(MindeeOcrFailureKind.ResponseTooLarge, ex.Kind);
        Assert.True(allocated < 4 * Limit, $"{allocated:N0} bytes allocated for a {Limit:N0}-byte limit");
    }

    [Fact]
    public async Task An_answer_of_only_white_space_is_not_read_to_its_end()
    {
        var body = new GeneratedStream([], (byte)' ', 1024L * 1024 * 1024);
        using var server = LoopbackHttpServer.Handling(new AnsweringHandler(() => Answer(new StreamContent(body))));
        var client = Client(server, limit: 512L * 1024 * 1024);

        var ex = await Assert.ThrowsAsync<MindeeOcrException>(() => client.GetResultAsync("job-1", TestContext.Current.CancellationToken));

        Assert.Equal(MindeeOcrFailureKind.UnreadableBody, ex.Kind);
        Assert.Contains("only white space", ex.Message, StringComparison.Ordinal);
        Assert.True(body.Produced < 16L * 1024 * 1024, $"the server was read for {body.Produced:N0} bytes");
    }

    [Fact]
    public async Task A_huge_error_body_is_read_only_for_its_excerpt()
    {
        var body = new GeneratedStream("<html>"u8.ToArray(), (byte)'x', 1024L * 1024 * 1024);
        using var server = LoopbackHttpServer.Handling(new AnsweringHandler(() => Answer(new StreamContent(body), HttpStatusCode.BadRequest)));
        var client = Client(server);

        var ex = await Assert.ThrowsAsync<MindeeOcrApiException>(() => client.GetResultAsync("job-1", TestContext.Current.CancellationToken));

        Assert.Equal(400, ex.Status);
        Assert.True(ex.BodyExcerpt!.Length <= 201);
        Assert.True(body.Produced < 16L * 1024 * 1024, $"the server was read for {body.Produced:N0} bytes");
    }

    // The standalone client: the library's own handler, with decompression on.
    private static MindeeOcrClient Client(LoopbackHttpServer server, long limit = Limit) =>
        new(new MindeeOcrOptions { ApiKey = "k", BaseAddress = server.BaseAddress, MaxResponseBytes = limit, MaxRetryAttempts = 0 });

    private static HttpResponseMessage Answer(HttpContent content, HttpStatusCode status = HttpStatusCode.OK)
    {
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return new HttpResponseMessage(status) { Content = content };
    }

    private static byte[] Gzip(long zeros)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            var chunk = new byte[1024 * 1024];
            for (long written = 0; written < zeros; written += chunk.Length)
            {
                gzip.Write(chunk);
            }
        }

        return output.ToArray();
    }

    private sealed class AnsweringHandler(Func<HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => Task.FromResult(answer());
    }

    /// <summary>A head, then one byte repeated up to a length, made as it is read; counts what was read.</summary>
    private sealed class GeneratedStream(byte[] head, byte filler, long length) : ReadForwardStream
    {
        private long _position;

        public long Produced => Interlocked.Read(ref _position);

        public override int Read(Span<byte> buffer)
        {
            int n = (int)Math.Min(buffer.Length, length - _position);
            for (int i = 0; i < n; i++)
            {
                long p = _position + i;
                buffer[i] = p < head.Length ? head[p] : filler;
            }

            Interlocked.Add(ref _position, n);
            return n;
        }
    }
}
