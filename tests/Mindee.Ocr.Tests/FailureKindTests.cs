using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Mindee.Ocr.Harness;
using Mindee.Ocr.Tests.TestSupport;
using Xunit;
using static Mindee.Ocr.Tests.TestSupport.MockService;

namespace Mindee.Ocr.Tests;

/// <summary>
/// Every failure is classified once, where it happens, into MindeeOcrException.Kind: callers (and
/// the client's own retries) decide from it without reading inner exceptions. (A refused connection
/// and a request timeout are in ErrorMappingTests.)
/// </summary>
public sealed class FailureKindTests : IDisposable
{
    private readonly MockService _service = Start();

    public void Dispose() => _service.Dispose();

    [Fact]
    public async Task An_answer_that_breaks_off_is_connection_lost_and_an_upload_may_have_been_enqueued()
    {
        using var server = LoopbackHttpServer.Handling(new BreakingHandler());
        var client = _service.CreateClient(o => { o.BaseAddress = server.BaseAddress; o.MaxRetryAttempts = 0; });

        var get = await Assert.ThrowsAsync<MindeeOcrException>(() => client.GetResultAsync(Fixture.JobId, TestContext.Current.CancellationToken));
        var upload = await Assert.ThrowsAsync<MindeeOcrException>(() => client.EnqueueAsync(OcrInput.FromBytes(Documents.Pdf(), "a.pdf"), new EnqueueOptions { Alias = "x-1" }, TestContext.Current.CancellationToken));

        Assert.Equal(MindeeOcrFailureKind.ConnectionLost, get.Kind);
        Assert.False(get.DocumentMayHaveBeenEnqueued);
        Assert.Equal(MindeeOcrFailureKind.ConnectionLost, upload.Kind);
        Assert.True(upload.DocumentMayHaveBeenEnqueued);
        Assert.Equal(2, server.Requests); // the upload was read whole, then the answer broke: not sent again
    }

    [Theory]
    [InlineData(500, true)]
    [InlineData(503, true)]
    [InlineData(408, true)]
    [InlineData(429, false)]
    [InlineData(422, false)]
    public async Task An_error_status_is_error_status_and_says_whether_an_upload_may_have_been_taken(int status, bool mayHaveBeenEnqueued)
    {
        _service.Stub("POST", EnqueuePath, status, Fixture.Text("problem-500.json"));
        var client = _service.CreateClient(o => o.MaxRetryAttempts = 0);

        var ex = await Assert.ThrowsAsync<MindeeOcrApiException>(() => client.EnqueueAsync(OcrInput.FromBytes(Documents.Pdf(), "a.pdf"), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(MindeeOcrFailureKind.ErrorStatus, ex.Kind);
        Assert.Equal(status, ex.Status);
        Assert.Equal(mayHaveBeenEnqueued, ex.DocumentMayHaveBeenEnqueued);
    }

    [Fact]
    public async Task A_success_whose_body_cannot_be_read_is_unreadable_body()
    {
        _service.Stub("GET", JobPath(), 200, "{\"job\": ");
        var client = _service.CreateClient();

        var ex = await Assert.ThrowsAsync<MindeeOcrException>(() => client.GetJobAsync(Fixture.JobId, TestContext.Current.CancellationToken));

        Assert.Equal(MindeeOcrFailureKind.UnreadableBody, ex.Kind);
        Assert.Single(_service.Requests); // a GET alone is not retried for it; only a poll is
    }

    [Fact]
    public async Task A_result_url_elsewhere_is_origin_refused()
    {
        _service.Stub("GET", JobPath(), 200, _service.JobJson("job-processed.json").Replace(_service.BaseAddress.ToString(), "https://elsewhere.example.com/", StringComparison.Ordinal));
        var client = _service.CreateClient();

        var ex = await Assert.ThrowsAsync<MindeeOcrException>(() => _service.Clock.RunAsync(client.WaitForResultAsync(Fixture.JobId, TestContext.Current.CancellationToken)));

        Assert.Equal(MindeeOcrFailureKind.OriginRefused, ex.Kind);
    }

    [Fact]
    public async Task Job_outcomes_have_their_kinds()
    {
        _service.Stub("GET", JobPath(), 200, _service.JobJson("job-failed.json"));
        var client = _service.CreateClient();
        var failed = await Assert.ThrowsAsync<MindeeOcrJobFailedException>(() => client.WaitForResultAsync(Fixture.JobId, TestContext.Current.CancellationToken));

        _service.Stub("GET", JobPath(), 200, _service.JobJson("job-processing.json"));
        var impatient = _service.CreateClient(o => o.Polling.Timeout = TimeSpan.FromSeconds(5));
        var timedOut = await Assert.ThrowsAsync<MindeeOcrTimeoutException>(() => _service.Clock.RunAsync(impatient.WaitForResultAsync(Fixture.JobId, TestContext.Current.CancellationToken)));

        Assert.Equal(MindeeOcrFailureKind.JobFailed, failed.Kind);
        Assert.Equal(MindeeOcrFailureKind.WaitTimedOut, timedOut.Kind);
    }

    [Fact]
    public async Task A_forward_only_stream_that_would_have_to_be_sent_again_is_document_not_resendable()
    {
        _service.Stub("POST", EnqueuePath, 429, Fixture.Text("problem-429.json"), headers: ("Retry-After", "1"));
        var client = _service.CreateClient();

        var ex = await Assert.ThrowsAsync<MindeeOcrException>(() => _service.Clock.RunAsync(
            client.EnqueueAsync(OcrInput.FromStream(new ForwardOnlyStream(new MemoryStream(Documents.Pdf())), "a.pdf"), cancellationToken: TestContext.Current.CancellationToken)));

        Assert.Equal(MindeeOcrFailureKind.DocumentNotResendable, ex.Kind);
        Assert.Equal(MindeeOcrFailureKind.ErrorStatus, Assert.IsType<MindeeOcrApiException>(ex.InnerException).Kind);
    }

    /// <summary>Reads the request, then drops the connection in the middle of its answer.</summary>
    private sealed class BreakingHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StreamContent(new FailingStream("{\"job\": {"u8.ToArray(), 9)) });
    }

    [Fact]
    public async Task A_connect_timeout_on_a_get_is_connect_failed()
    {
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromMilliseconds(50),
            ConnectCallback = async (_, token) =>
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, token);
                throw new InvalidOperationException("unreachable");
            },
        };
        var client = new MindeeOcrClient(new HttpClient(handler), _service.Options(o => o.MaxRetryAttempts = 0), _service.Clock);

        var ex = await Assert.ThrowsAsync<MindeeOcrException>(() => client.GetJobAsync(Fixture.JobId, TestContext.Current.CancellationToken));

        Assert.Equal(MindeeOcrFailureKind.ConnectFailed, ex.Kind);
        Assert.Contains("could not connect", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_network_stacks_exceptions_are_told_apart_by_their_exact_shapes()
    {
        // As .NET 10 throws them (seen by running each case): SocketsHttpHandler's ConnectTimeout,
        // and HttpClient.Timeout once connected.
        var connectTimeout = new TaskCanceledException("The operation was canceled.", new TimeoutException("A connection could not be established within the configured ConnectTimeout."));
        var clientTimeout = new TaskCanceledException(
            "The request was canceled due to the configured HttpClient.Timeout of 0.1 seconds elapsing.",
            new TimeoutException("The operation was canceled.", new TaskCanceledException("The operation was canceled.", new IOException("Unable to read data from the transport connection."))));
        var refused = new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (127.0.0.1:9)", new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused));
        var reset = new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely.");

        Assert.Equal(MindeeOcrFailureKind.ConnectFailed, Mindee.Ocr.Http.FailureClassifier.Classify(connectTimeout, hasBody: false, bodyStarted: false, timedOut: false));
        Assert.Equal(MindeeOcrFailureKind.ConnectFailed, Mindee.Ocr.Http.FailureClassifier.Classify(connectTimeout, hasBody: true, bodyStarted: true, timedOut: false));
        Assert.Equal(MindeeOcrFailureKind.Timeout, Mindee.Ocr.Http.FailureClassifier.Classify(clientTimeout, hasBody: false, bodyStarted: false, timedOut: false));
        Assert.Equal(MindeeOcrFailureKind.ConnectFailed, Mindee.Ocr.Http.FailureClassifier.Classify(clientTimeout, hasBody: true, bodyStarted: false, timedOut: false));
        Assert.Equal(MindeeOcrFailureKind.ConnectFailed, Mindee.Ocr.Http.FailureClassifier.Classify(refused, hasBody: true, bodyStarted: true, timedOut: false));
        Assert.Equal(MindeeOcrFailureKind.ConnectionLost, Mindee.Ocr.Http.FailureClassifier.Classify(reset, hasBody: true, bodyStarted: true, timedOut: false));
    }

    [Fact]
    public async Task A_compressed_answer_that_does_not_decompress_is_unreadable_body()
    {
        var gzip = new byte[] { 0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x01, 0x02 };
        using var server = LoopbackHttpServer.Handling(new GzipHandler(gzip));
        var client = new MindeeOcrClient(new MindeeOcrOptions { ApiKey = "k", BaseAddress = server.BaseAddress, MaxRetryAttempts = 0 }); // the library's handler: decompression on

        var ex = await Assert.ThrowsAsync<MindeeOcrException>(() => client.GetResultAsync(Fixture.JobId, TestContext.Current.CancellationToken));

        Assert.Equal(MindeeOcrFailureKind.UnreadableBody, ex.Kind);
        Assert.Contains("could not be decompressed", ex.Message, StringComparison.Ordinal);
    }

    private sealed class GzipHandler(byte[] body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var content = new ByteArrayContent(body);
            content.Headers.ContentEncoding.Add("gzip");
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = content });
        }
    }

    [Fact]
    public async Task A_poll_answering_about_another_job_is_an_unexpected_answer_not_that_jobs_result()
    {
        const string Other = "99999999-9999-9999-9999-otherjob9999";
        _service.Stub("GET", JobPath(), 200, _service.JobJson("job-processed.json").Replace(Fixture.JobId, Other, StringComparison.Ordinal));
        _service.Stub("GET", ResultPath(Other), 200, Fixture.Text("result-1-page.json").Replace(Fixture.JobId, Other, StringComparison.Ordinal));
        var client = _service.CreateClient();

        var ex = await Assert.ThrowsAsync<MindeeOcrException>(() => _service.Clock.RunAsync(client.WaitForResultAsync(Fixture.JobId, TestContext.Current.CancellationToken)));

        Assert.Equal(MindeeOcrFailureKind.UnexpectedAnswer, ex.Kind);
        Assert.Contains($"about another job ({Other}, not {Fixture.JobId})", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_service.Requests, r => r.RequestMessage.Path.Contains(Other, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_result_of_another_inference_is_an_unexpected_answer()
    {
        _service.Stub("GET", ResultPath(), 200, Fixture.Text("result-1-page.json").Replace(Fixture.JobId, "someone-else", StringComparison.Ordinal));
        var client = _service.CreateClient();

        var ex = await Assert.ThrowsAsync<MindeeOcrException>(() => client.GetResultAsync(Fixture.JobId, TestContext.Current.CancellationToken));

        Assert.Equal(MindeeOcrFailureKind.UnexpectedAnswer, ex.Kind);
        Assert.Single(_service.Requests); // not retried
    }

    [Fact]
    public async Task An_enqueue_answer_with_an_unusable_job_id_is_an_unexpected_answer_that_may_have_been_enqueued()
    {
        _service.Stub("POST", EnqueuePath, 202, _service.JobJson("job-processing.json").Replace($"\"id\": \"{Fixture.JobId}\"", "\"id\": \"../x\"", StringComparison.Ordinal));
        var client = _service.CreateClient();

        var ex = await Assert.ThrowsAsync<MindeeOcrException>(() => client.EnqueueAndWaitAsync(OcrInput.FromBytes(Documents.Pdf(), "a.pdf"), new EnqueueOptions { Alias = "x-2" }, TestContext.Current.CancellationToken));

        Assert.Equal(MindeeOcrFailureKind.UnexpectedAnswer, ex.Kind);
        Assert.True(ex.DocumentMayHaveBeenEnqueued);
        Assert.Single(_service.Requests); // no poll with that id
    }
}
