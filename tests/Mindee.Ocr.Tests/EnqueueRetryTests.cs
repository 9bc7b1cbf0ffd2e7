using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Mindee.Ocr.Harness;
using Mindee.Ocr.Tests.TestSupport;
using Xunit;
using static Mindee.Ocr.Tests.TestSupport.MockService;

namespace Mindee.Ocr.Tests;

/// <summary>A document is sent again only where the service surely did not take it.</summary>
public sealed class EnqueueRetryTests : IDisposable
{
    private readonly MockService _service = Start();

    public void Dispose() => _service.Dispose();

    [Fact]
    public async Task A_429_then_202_sends_the_whole_document_twice_after_retry_after()
    {
        _service.StubSequence("POST", EnqueuePath, Json(429, Fixture.Text("problem-429.json"), ("Retry-After", "30")), Json(202, _service.JobJson("job-processing.json")));
        var pdf = Documents.Pdf(150_000);
        var client = _service.CreateClient();

        var job = await _service.Clock.RunAsync(client.EnqueueAsync(OcrInput.FromStream(new MemoryStream(pdf), "a.pdf"), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(Fixture.JobId, job.Id);
        Assert.Equal(2, _service.Requests.Count);
        Assert.All(_service.Requests, r => Assert.Equal(pdf, Multipart.Parse(r).Single(p => p.Name == "file").Bytes));
        Assert.Equal(TimeSpan.FromSeconds(30), _service.Clock.Advanced);
    }

    [Fact]
    public async Task A_429_without_retry_after_backs_off()
    {
        _service.StubSequence("POST", EnqueuePath, Status(429), Json(202, _service.JobJson("job-processing.json")));
        var client = _service.CreateClient(o => o.RetryBaseDelay = TimeSpan.FromSeconds(4));

        await _service.Clock.RunAsync(client.EnqueueAsync(OcrInput.FromBytes(Documents.Png(), "a.png"), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(2, _service.Requests.Count);
        Assert.InRange(_service.Clock.Advanced.TotalSeconds, 3.2, 4.8);
    }

    [Fact]
    public async Task A_500_is_sent_exactly_once_and_says_the_document_may_be_enqueued()
    {
        _service.Stub("POST", EnqueuePath, 500, Fixture.Text("problem-500.json"));
        var client = _service.CreateClient();

        var ex = await Assert.ThrowsAsync<MindeeOcrApiException>(() => _service.Clock.RunAsync(
            client.EnqueueAsync(OcrInput.FromBytes(Documents.Pdf(), "a.pdf"), new EnqueueOptions { Alias = "order-7" }, TestContext.Current.CancellationToken)));

        Assert.Single(_service.Requests);
        Assert.Equal(500, ex.Status);
        Assert.True(ex.DocumentMayHaveBeenEnqueued);
        Assert.Equal("order-7", ex.Alias);
        Assert.Contains("may have been enqueued", ex.Message, StringComparison.Ordinal);
        Assert.Contains("order-7", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_422_is_not_retried_and_surely_not_enqueued()
    {
        _service.Stub("POST", EnqueuePath, 422, Fixture.Text("problem-422.json"));
        var client = _service.CreateClient();

        var ex = await Assert.ThrowsAsync<MindeeOcrApiException>(() => client.EnqueueAsync(OcrInput.FromBytes(Documents.Pdf(), "a.pdf"), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Single(_service.Requests);
        Assert.False(ex.DocumentMayHaveBeenEnqueued);
        Assert.Equal("#/model_id", ex.Errors.Single().Pointer);
    }

    [Fact]
    public async Task A_timeout_after_sending_is_not_retried_and_says_the_document_may_be_enqueued()
    {
        using var silent = LoopbackHttpServer.Silent();
        var pdf = Documents.Pdf(40_000);
        var client = _service.CreateClient(o => { o.BaseAddress = silent.BaseAddress; o.UploadTimeout = TimeSpan.FromSeconds(20); });

        var call = client.EnqueueAsync(OcrInput.FromBytes(pdf, "a.pdf"), new EnqueueOptions { Alias = "order-8" }, TestContext.Current.CancellationToken);
        // Once this many bytes reached the server, the body surely started (the head is far shorter).
        await silent.WhenReceivedAsync(pdf.Length).WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
        _service.Clock.Advance(TimeSpan.FromSeconds(20));
        var ex = await Assert.ThrowsAsync<MindeeOcrException>(() => call);

        Assert.Equal(MindeeOcrFailureKind.Timeout, ex.Kind);
        Assert.IsType<TimeoutException>(ex.InnerException);
        Assert.True(ex.DocumentMayHaveBeenEnqueued);
        Assert.Equal("order-8", ex.Alias);
        Assert.Equal(1, silent.Connections); // not sent again
        Assert.Contains("may have been enqueued all the same (alias \"order-8\")", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connect_timeout_is_a_connect_failure_and_the_upload_is_retried()
    {
        // .NET reports SocketsHttpHandler's ConnectTimeout as a TaskCanceledException whose cause is a
        // TimeoutException: a connection that never opened, so nothing of the document left.
        int attempts = 0;
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromMilliseconds(50),
            ConnectCallback = async (_, token) =>
            {
                Interlocked.Increment(ref attempts);
                await Task.Delay(Timeout.InfiniteTimeSpan, token);
                throw new InvalidOperationException("unreachable");
            },
        };
        var client = new MindeeOcrClient(new HttpClient(handler), _service.Options(o => { o.MaxRetryAttempts = 2; o.Randomizer = () => 0.5; }), _service.Clock);

        var ex = await Assert.ThrowsAsync<MindeeOcrException>(() => _service.Clock.RunAsync(
            client.EnqueueAsync(OcrInput.FromBytes(Documents.Pdf(), "a.pdf"), new EnqueueOptions { Alias = "order-9" }, TestContext.Current.CancellationToken)));

        Assert.Equal(MindeeOcrFailureKind.ConnectFailed, ex.Kind);
        Assert.False(ex.DocumentMayHaveBeenEnqueued);
        Assert.DoesNotContain("may have been enqueued", ex.Message, StringComparison.Ordinal);
        Assert.Equal(3, attempts);
        Assert.Equal(TimeSpan.FromSeconds(1 + 2), _service.Clock.Advanced); // the two backoffs, jitter pinned to none
    }

    [Fact]
    public async Task An_upload_timeout_while_still_connecting_sent_nothing_and_is_retried()
    {
        var connecting = System.Threading.Channels.Channel.CreateUnbounded<int>();
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = Timeout.InfiniteTimeSpan,
            ConnectCallback = async (_, token) =>
            {
                connecting.Writer.TryWrite(1);
                await Task.Delay(Timeout.InfiniteTimeSpan, token);
                throw new InvalidOperationException("unreachable");
            },
        };
        var client = new MindeeOcrClient(new HttpClient(handler), _service.Options(o => { o.UploadTimeout = TimeSpan.FromSeconds(20); o.MaxRetryAttempts = 1; o.Randomizer = () => 0.5; }), _service.Clock);
        var clock = _service.Clock;
        clock.RequestTimeoutThreshold = TimeSpan.FromSeconds(21); // the upload timeout is reported too

        var call = client.EnqueueAsync(OcrInput.FromBytes(Documents.Pdf(), "a.pdf"), cancellationToken: TestContext.Current.CancellationToken);
        for (int attempt = 0; attempt < 2; attempt++)
        {
            await connecting.Reader.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
            Assert.Equal(TimeSpan.FromSeconds(20), await clock.NextWaitAsync()); // the upload timeout
            clock.Advance(TimeSpan.FromSeconds(20));
            if (attempt == 0)
            {
                Assert.Equal(TimeSpan.FromSeconds(1), await clock.NextWaitAsync()); // the backoff before the retry
                clock.Advance(TimeSpan.FromSeconds(1));
            }
        }

        var ex = await Assert.ThrowsAsync<MindeeOcrException>(() => call);
        Assert.Equal(MindeeOcrFailureKind.ConnectFailed, ex.Kind);
        Assert.False(ex.DocumentMayHaveBeenEnqueued);
        Assert.Contains("could not connect within 20 s; nothing was sent", ex.Message, StringComparison.Ordinal);
        Assert.False(connecting.Reader.TryRead(out _), "no third attempt");
    }

    [Fact]
    public async Task A_refused_connection_is_retried_and_then_surely_not_enqueued()
    {
        var port = FreePort();
        var client = new MindeeOcrClient(NewHttpClient(), _service.Options(o => { o.BaseAddress = new Uri($"http://127.0.0.1:{port}/"); o.MaxRetryAttempts = 2; }), _service.Clock);

        var ex = await Assert.ThrowsAsync<MindeeOcrException>(() => _service.Clock.RunAsync(
            client.EnqueueAsync(OcrInput.FromBytes(Documents.Pdf(), "a.pdf"), cancellationToken: TestContext.Current.CancellationToken)));

        Assert.False(ex.DocumentMayHaveBeenEnqueued);
        Assert.IsType<System.Net.Http.HttpRequestException>(ex.InnerException);
        Assert.True(_service.Clock.Advanced >= TimeSpan.FromSeconds(2.4), "two backoffs were waited: the POST was tried three times");
    }

    [Fact]
    public async Task A_forward_only_stream_that_was_read_cannot_be_sent_again_and_says_so()
    {
        _service.Stub("POST", EnqueuePath, 429, Fixture.Text("problem-429.json"), headers: ("Retry-After", "1"));
        var client = _service.CreateClient();

        var ex = await Assert.ThrowsAsync<MindeeOcrException>(() => _service.Clock.RunAsync(
            client.EnqueueAsync(OcrInput.FromStream(new ForwardOnlyStream(new MemoryStream(Documents.Pdf(50_000))), "a.pdf"), cancellationToken: TestContext.Current.CancellationToken)));

        Assert.Contains("forward-only stream", ex.Message, StringComparison.Ordinal);
        Assert.Contains("cannot be sent again", ex.Message, StringComparison.Ordinal);
        Assert.IsType<MindeeOcrApiException>(ex.InnerException);
        Assert.Single(_service.Requests);
    }

    [Fact]
    public async Task A_2xx_enqueue_answer_that_cannot_be_read_says_the_document_was_probably_enqueued()
    {
        _service.Stub("POST", EnqueuePath, 202, "{\"job\": {\"id\": ");
        var client = _service.CreateClient();

        var ex = await Assert.ThrowsAsync<MindeeOcrException>(() => client.EnqueueAsync(OcrInput.FromBytes(Documents.Pdf(), "a.pdf"), new EnqueueOptions { Alias = "x" }, TestContext.Current.CancellationToken));

        Assert.True(ex.DocumentMayHaveBeenEnqueued);
        Assert.Single(_service.Requests);
    }
}
