using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Mindee.Ocr.Tests.TestSupport;
using Xunit;

namespace Mindee.Ocr.Tests;

/// <summary>Reading jobs and results exactly as the service sends them.</summary>
public class JsonReadingTests
{
    [Fact]
    public void A_three_page_result_is_read_whole()
    {
        var inference = MindeeOcrJson.DeserializeInference(Fixture.Bytes("result-3-pages.json"));

        Assert.Equal(Fixture.JobId, inference.Id);
        Assert.Equal(Fixture.JobId, inference.Job.Id);
        Assert.Equal(Fixture.ModelId, inference.Model.Id);
        Assert.Equal(new InferenceFile { Name = "invoice-2025-07.pdf", PageCount = 3, MimeType = "application/pdf" }, inference.File);
        Assert.Equal(3, inference.Result.Pages.Count);
        Assert.Equal(1100, inference.Result.Pages.Sum(p => p.Words.Count));
        Assert.All(inference.Result.Pages.SelectMany(p => p.Words), w =>
        {
            Assert.False(string.IsNullOrEmpty(w.Content));
            Assert.Equal(4, w.Polygon.Count);
            Assert.All(w.Polygon, pt => Assert.InRange(pt.X, 0, 1));
        });
    }

    [Fact]
    public void Page_content_is_the_lines_of_words_joined_by_newlines()
    {
        var inference = MindeeOcrJson.DeserializeInference(Fixture.Bytes("result-3-pages.json"));
        foreach (var page in inference.Result.Pages)
        {
            Assert.Equal(string.Join(" ", page.Words.Select(w => w.Content)), page.Content.Replace('\n', ' '));
        }
    }

    [Fact]
    public void Coordinates_keep_every_digit_the_service_sends()
    {
        var json = """{"inference":{"id":"i","job":{"id":"i"},"model":{"id":"m"},"file":{"name":"a.pdf","alias":null,"page_count":1,"mime_type":"application/pdf"},"result":{"pages":[{"content":"x","words":[{"content":"x","polygon":[[0.0600000001728892,0.1],[0.2,0.1],[0.2,0.3],[0.06,1]]}]}]}}}""";
        var word = MindeeOcrJson.DeserializeInference(Encoding.UTF8.GetBytes(json)).Result.Pages[0].Words[0];
        Assert.Equal(0.0600000001728892, word.Polygon[0].X);
        Assert.Equal(new Point(0.06, 1), word.Polygon[3]);
    }

    [Fact]
    public void Unknown_fields_anywhere_are_ignored()
    {
        var inference = MindeeOcrJson.DeserializeInference(Fixture.Bytes("result-1-page.json"));
        Assert.Equal(["Total", "42.00"], inference.Result.Pages[0].Words.Select(w => w.Content));
        Assert.Equal("my-alias", inference.File.Alias);
    }

    [Fact]
    public void A_processing_job_reads_with_string_ids_nulls_and_an_empty_webhook_list()
    {
        var job = MindeeOcrJson.DeserializeJob(Fixture.Bytes("job-processing.json"));
        Assert.Equal(Fixture.JobId, job.Id);
        Assert.Equal(Fixture.ModelId, job.ModelId);
        Assert.Equal("invoice-2025-07.pdf", job.FileName);
        Assert.Null(job.Alias);
        Assert.Equal(JobStatus.Processing, job.Status);
        Assert.Null(job.CompletedAt);
        Assert.Null(job.ResultUrl);
        Assert.Null(job.Error);
        Assert.Empty(job.Webhooks);
        Assert.Equal(new Uri($"https://api-v2.mindee.net/v2/jobs/{Fixture.JobId}"), job.PollingUrl);
    }

    [Fact]
    public void Timestamps_without_offset_are_utc_whatever_the_local_time_zone()
    {
        var job = MindeeOcrJson.DeserializeJob(Fixture.Bytes("job-processed.json"));

        Assert.Equal(TimeSpan.Zero, job.CreatedAt.Offset);
        Assert.Equal(new DateTimeOffset(2025, 7, 3, 14, 27, 58, TimeSpan.Zero).AddTicks(9744510), job.CreatedAt);
        Assert.Equal(new DateTimeOffset(2025, 7, 3, 14, 28, 4, 120, TimeSpan.Zero), job.CompletedAt);
        Assert.Equal(new DateTimeOffset(2025, 7, 3, 14, 28, 4, TimeSpan.Zero).AddTicks(5000010), job.Webhooks[0].CreatedAt);
    }

    [Fact]
    public void A_timestamp_with_an_explicit_offset_is_converted_to_utc()
    {
        var json = Fixture.Text("job-processing.json").Replace("2025-07-03T14:27:58.974451", "2025-07-03T16:27:58.974451+02:00", StringComparison.Ordinal);
        var job = MindeeOcrJson.DeserializeJob(Encoding.UTF8.GetBytes(json));
        Assert.Equal(TimeSpan.Zero, job.CreatedAt.Offset);
        Assert.Equal(14, job.CreatedAt.Hour);
    }

    [Fact]
    public void A_processed_job_has_its_result_url_and_webhooks()
    {
        var job = MindeeOcrJson.DeserializeJob(Fixture.Bytes("job-processed.json"));
        Assert.Equal(JobStatus.Processed, job.Status);
        Assert.Equal(new Uri($"https://api-v2.mindee.net/v2/products/ocr/results/{Fixture.JobId}"), job.ResultUrl);
        var hook = Assert.Single(job.Webhooks);
        Assert.Equal(("webhook-1", JobStatus.Processed, 1), (hook.Id, hook.Status, hook.AttemptsCount));
    }

    [Fact]
    public void A_failed_job_carries_its_problem()
    {
        var job = MindeeOcrJson.DeserializeJob(Fixture.Bytes("job-failed.json"));
        Assert.Equal(JobStatus.Failed, job.Status);
        Assert.NotNull(job.Error);
        Assert.Equal((422, "422-102", "Unreadable document"), (job.Error.Status, job.Error.Code, job.Error.Title));
        Assert.Empty(job.Error.Errors);
    }

    [Fact]
    public void A_status_the_client_does_not_know_is_unknown_not_an_error()
    {
        var job = MindeeOcrJson.DeserializeJob(Fixture.Bytes("job-unknown-status.json"));
        Assert.Equal(JobStatus.Unknown, job.Status);
    }

    [Theory]
    [InlineData("""{"job":{"id":"x"}}""", "model_id")]
    [InlineData("""{"job":null}""", "job")]
    [InlineData("""{"job":{"id":"x","model_id":"m","filename":"f","created_at":"not a date","status":"Processing","polling_url":"https://a/b"}}""", "created_at")]
    [InlineData("""{"job":{"id":"x","model_id":"m","filename":"f","created_at":"2025-07-03T14:27:58""", "")]
    public void A_job_that_breaks_the_wire_contract_is_a_typed_error_naming_the_place(string json, string where)
    {
        var ex = Assert.Throws<MindeeOcrException>(() => MindeeOcrJson.DeserializeJob(Encoding.UTF8.GetBytes(json)));
        Assert.IsAssignableFrom<JsonException>(ex.InnerException);
        Assert.Contains("could not be read as a job", ex.Message, StringComparison.Ordinal);
        Assert.Contains(where, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""[[0.1,0.2],[0.3]]""")]
    [InlineData("""[[0.1,0.2,0.3]]""")]
    [InlineData("""[["a","b"]]""")]
    [InlineData("""{"x":1}""")]
    public void A_malformed_polygon_is_a_typed_error(string polygon)
    {
        var json = """{"inference":{"id":"i","job":{"id":"i"},"model":{"id":"m"},"file":{"name":"a","alias":null,"page_count":1,"mime_type":"image/png"},"result":{"pages":[{"content":"x","words":[{"content":"x","polygon":POLYGON}]}]}}}""".Replace("POLYGON", polygon, StringComparison.Ordinal);
        var ex = Assert.Throws<MindeeOcrException>(() => MindeeOcrJson.DeserializeInference(Encoding.UTF8.GetBytes(json)));
        Assert.IsAssignableFrom<JsonException>(ex.InnerException);
    }

    [Theory]
    [InlineData("""{"inference":{"id":"i","job":{"id":"i"},"model":{"id":"m"},"file":{"name":"a","alias":null,"page_count":1,"mime_type":"image/png"},"result":{"pages":[{"content":"x","words":[null]}]}}}""")]
    [InlineData("""{"inference":{"id":"i","job":{"id":"i"},"model":{"id":"m"},"file":{"name":"a","alias":null,"page_count":1,"mime_type":"image/png"},"result":{"pages":[null]}}}""")]
    public void A_null_item_in_a_list_is_a_typed_error_not_a_null_reference_later(string json)
    {
        var ex = Assert.Throws<MindeeOcrException>(() => MindeeOcrJson.DeserializeInference(Encoding.UTF8.GetBytes(json)));
        Assert.IsAssignableFrom<JsonException>(ex.InnerException);
        Assert.Contains("null item", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_result_written_and_read_back_is_equal_word_for_word()
    {
        var original = MindeeOcrJson.DeserializeInference(Fixture.Bytes("result-3-pages.json"));
        using var stream = new MemoryStream();
        await MindeeOcrJson.SerializeAsync(stream, original, TestContext.Current.CancellationToken);
        stream.Position = 0;
        var again = await MindeeOcrJson.DeserializeInferenceAsync(stream, TestContext.Current.CancellationToken);

        Assert.Equal(original.Id, again.Id);
        Assert.Equal(original.File, again.File);
        Assert.Equal(original.Result.Pages.Count, again.Result.Pages.Count);
        for (int p = 0; p < original.Result.Pages.Count; p++)
        {
            Assert.Equal(original.Result.Pages[p].Content, again.Result.Pages[p].Content);
            Assert.Equal(original.Result.Pages[p].Words, again.Result.Pages[p].Words);
        }
    }

    [Fact]
    public void A_job_written_and_read_back_keeps_its_timestamps_in_utc()
    {
        var original = MindeeOcrJson.DeserializeJob(Fixture.Bytes("job-processed.json"));
        var again = MindeeOcrJson.DeserializeJob(MindeeOcrJson.SerializeToUtf8Bytes(original));
        Assert.Equal(original.CreatedAt, again.CreatedAt);
        Assert.Equal(original.CompletedAt, again.CompletedAt);
        Assert.Equal(original.Status, again.Status);
        Assert.Equal(original.Webhooks, again.Webhooks);
    }

    [Fact]
    public void Whitespace_in_the_json_changes_nothing()
    {
        var pretty = Fixture.Bytes("result-3-pages.json");
        using var doc = JsonDocument.Parse(pretty);
        var compact = JsonSerializer.SerializeToUtf8Bytes(doc.RootElement);
        Assert.True(compact.Length < pretty.Length / 2);
        var a = MindeeOcrJson.DeserializeInference(pretty);
        var b = MindeeOcrJson.DeserializeInference(compact);
        Assert.Equal(a.Result.Pages.SelectMany(p => p.Words), b.Result.Pages.SelectMany(p => p.Words));
    }

    [Fact]
    public async Task Only_json_failures_are_unreadable_bodies_an_argument_exception_is_not_taken_for_one()
    {
        // Defect 14: any ArgumentException on the read path was reported as unreadable JSON.
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => MindeeOcrJson.DeserializeInferenceAsync(new ThrowingStream(), TestContext.Current.CancellationToken));
        Assert.Equal("not a JSON problem", ex.Message);
    }

    private sealed class ThrowingStream : ReadForwardStream
    {
        public override int Read(Span<byte> buffer) => throw new ArgumentException("not a JSON problem");
    }
}
