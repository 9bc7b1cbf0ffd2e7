using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Mindee.Ocr.Testing;
using Mindee.Ocr.Tests.TestSupport;
using Xunit;

namespace Mindee.Ocr.Tests;

/// <summary>
/// The models in one style: immutable (no public setter, no collection a caller can write to),
/// value equality that includes list contents, built by object initializers or factories (no wide
/// constructor, no positional Deconstruct), and summaries for ToString.
/// </summary>
public class ModelConventionTests
{
    private static readonly Type[] ModelTypes =
    [
        typeof(OcrJob), typeof(WebhookDelivery), typeof(OcrInference), typeof(JobReference), typeof(ModelReference),
        typeof(InferenceFile), typeof(OcrResult), typeof(OcrPage), typeof(OcrWord), typeof(Polygon), typeof(Point),
        typeof(BoundingBox), typeof(MindeeProblem), typeof(MindeeProblemItem), typeof(OcrWebhookDelivery), typeof(OcrWebhookFailure),
        typeof(OcrBlock), typeof(OcrLine), typeof(OcrTextMatch), typeof(OcrPageImage),
        typeof(OcrBatchItem), typeof(OcrBatchProgress), typeof(OcrBatchJournalEntry),
        typeof(OcrProgress), // not from the wire, but immutable like the models: each report a new value
    ];

    // Geometry values: a point and a box are their coordinates, by definition; a polygon is its points.
    private static readonly Type[] GeometryTypes = [typeof(Point), typeof(BoundingBox), typeof(Polygon)];

    [Fact]
    public void The_list_of_model_types_covers_the_models_namespace()
    {
        var modelFiles = typeof(OcrJob).Assembly.GetExportedTypes()
            .Where(t => t.Namespace == "Mindee.Ocr" && !t.IsEnum && !t.IsInterface && !typeof(Exception).IsAssignableFrom(t)
                && !t.Name.Contains("Client", StringComparison.Ordinal) && !t.Name.EndsWith("Options", StringComparison.Ordinal)
                && t != typeof(OcrInput) && t != typeof(MindeeOcrJson) && t != typeof(OcrWebhookSignature) && t != typeof(OcrBatchJournal) && !t.IsAbstract)
            .ToList();
        Assert.Empty(modelFiles.Except(ModelTypes));
    }

    [Fact]
    public void No_model_has_a_public_setter_other_than_init()
    {
        var offenders = ModelTypes
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            .Where(p => p.SetMethod is { IsPublic: true } setter && !IsInitOnly(setter))
            .Select(p => $"{p.DeclaringType!.Name}.{p.Name}")
            .ToList();
        Assert.Empty(offenders);
    }

    [Fact]
    public void No_wire_model_has_a_constructor_with_parameters_or_a_positional_deconstruct()
    {
        var offenders = ModelTypes.Except(GeometryTypes)
            .SelectMany(t => t.GetConstructors(BindingFlags.Public | BindingFlags.Instance).Where(c => c.GetParameters().Length > 0).Select(c => $"{t.Name}({c.GetParameters().Length} parameters)")
                .Concat(t.GetMethods(BindingFlags.Public | BindingFlags.Instance).Where(m => m.Name == "Deconstruct").Select(_ => $"{t.Name}.Deconstruct")))
            .ToList();
        Assert.Empty(offenders);
    }

    [Fact]
    public void Every_collection_of_a_parsed_result_rejects_writes()
    {
        var inference = MindeeOcrJson.DeserializeInference(Fixture.Bytes("result-3-pages.json"));
        var job = MindeeOcrJson.DeserializeJob(Fixture.Bytes("job-processed.json"));
        var problem = new MindeeProblem { Status = 422, Errors = [new MindeeProblemItem { Pointer = "#/a", Detail = "b" }] };
        var collections = new IEnumerable[] { inference.Result.Pages, inference.Result.Pages[0].Words, job.Webhooks, problem.Errors };
        foreach (var collection in collections)
        {
            Assert.False(collection.GetType().IsArray, $"{collection.GetType()} is an array, which callers can write to.");
            var list = Assert.IsAssignableFrom<IList>(collection);
            Assert.True(list.IsReadOnly, $"{collection.GetType()} can be written to.");
        }

        var words = Assert.IsAssignableFrom<IList<OcrWord>>(inference.Result.Pages[0].Words);
        Assert.Throws<NotSupportedException>(() => words[0] = words[1]);
        Assert.Throws<NotSupportedException>(() => words.Clear());
    }

    [Fact]
    public void Collections_are_copied_when_models_are_built_by_hand_or_with_with()
    {
        var words = new List<OcrWord> { Word("a") };
        var page = new OcrPage { Words = words, Content = "a" };
        var changed = page with { Content = "a b", Words = words };
        words.Add(Word("b"));

        Assert.Single(page.Words);
        Assert.Single(changed.Words);
        var asList = Assert.IsAssignableFrom<IList<OcrWord>>(page.Words);
        Assert.Throws<NotSupportedException>(() => asList[0] = words[1]);
        Assert.Throws<NotSupportedException>(() => asList.Add(words[1]));
    }

    [Fact]
    public void Two_reads_of_the_same_json_are_equal_models_with_equal_hash_codes()
    {
        var first = MindeeOcrJson.DeserializeInference(Fixture.Bytes("result-3-pages.json"));
        var second = MindeeOcrJson.DeserializeInference(Fixture.Bytes("result-3-pages.json"));
        var job = MindeeOcrJson.DeserializeJob(Fixture.Bytes("job-processed.json"));

        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.Equal(job, MindeeOcrJson.DeserializeJob(Fixture.Bytes("job-processed.json")));
        Assert.Equal(first, MindeeOcrJson.DeserializeInference(MindeeOcrJson.SerializeToUtf8Bytes(first)));
    }

    [Fact]
    public void A_difference_anywhere_in_a_list_makes_models_unequal()
    {
        var inference = MindeeOcrJson.DeserializeInference(Fixture.Bytes("result-3-pages.json"));
        var page = inference.Result.Pages[2];
        var words = page.Words.ToArray();
        words[^1] = words[^1] with { Content = words[^1].Content + "!" };
        var changed = inference with { Result = new OcrResult { Pages = [inference.Result.Pages[0], inference.Result.Pages[1], page with { Words = words }] } };

        Assert.NotEqual(inference, changed);
        Assert.NotEqual(inference.Result, changed.Result);
        Assert.Equal(inference.File, changed.File);
    }

    [Fact]
    public void With_changes_one_property_and_keeps_the_rest()
    {
        var job = MindeeOcrJson.DeserializeJob(Fixture.Bytes("job-processing.json"));
        var done = job with { Status = JobStatus.Processed, CompletedAt = new DateTimeOffset(2025, 7, 3, 16, 0, 0, TimeSpan.FromHours(2)) };

        Assert.Equal(JobStatus.Processing, job.Status);
        Assert.Equal((JobStatus.Processed, job.Id, job.PollingUrl), (done.Status, done.Id, done.PollingUrl));
        Assert.Equal(TimeSpan.Zero, done.CompletedAt!.Value.Offset); // converted to UTC on the way in
        Assert.Equal(14, done.CompletedAt.Value.Hour);
    }

    [Fact]
    public void A_null_where_a_model_needs_a_value_is_refused_when_it_is_built()
    {
        var word = Word("a");
        Assert.Throws<ArgumentNullException>(() => word with { Content = null! });
        Assert.Throws<ArgumentNullException>(() => new OcrPage { Words = null!, Content = "a" });
        Assert.Throws<ArgumentException>(() => new OcrPage { Words = [word, null!], Content = "a" });
    }

    [Fact]
    public void To_string_reads_as_a_summary_never_as_type_names()
    {
        var inference = MindeeOcrJson.DeserializeInference(Fixture.Bytes("result-3-pages.json"));
        var job = MindeeOcrJson.DeserializeJob(Fixture.Bytes("job-failed.json"));
        var texts = new[]
        {
            inference.ToString(), inference.Result.ToString(), inference.Result.Pages[0].ToString(), inference.Result.Pages[0].Words[0].ToString(),
            inference.File.ToString(), job.ToString(), MindeeOcrJson.DeserializeJob(Fixture.Bytes("job-processed.json")).Webhooks[0].ToString(),
            inference.Result.Pages[0].Blocks[0].ToString(), inference.Result.Pages[0].Lines[0].ToString(), inference.Result.Find("city")[0].ToString(),
        };

        Assert.All(texts, t => Assert.DoesNotContain("System.", t, StringComparison.Ordinal));
        Assert.All(texts, t => Assert.DoesNotContain("Collection", t, StringComparison.Ordinal));
        Assert.StartsWith($"Inference {Fixture.JobId} of invoice-2025-07.pdf: 3 pages, 1,100 words: \"", texts[0], StringComparison.Ordinal);
        Assert.StartsWith("Page 1 of ", texts[2], StringComparison.Ordinal);
        Assert.StartsWith("Block of 1 line, ", texts[7], StringComparison.Ordinal);
        Assert.StartsWith("Line of ", texts[8], StringComparison.Ordinal);
        Assert.Equal("\"city\" on page 1 (1 word)", texts[9]);
        Assert.True(texts[0].Length < 200, "a summary, not the whole text: " + texts[0]);
        Assert.Equal("invoice-2025-07.pdf (application/pdf, 3 pages)", texts[4]);
        Assert.Contains("Failed", texts[5], StringComparison.Ordinal);
        Assert.Contains("422-102", texts[5], StringComparison.Ordinal);
        Assert.Equal("Page 1 of 2 words: \"Total 42.00\"", OcrResultFactory.Page("Total 42.00").ToString());
    }

    [Fact]
    public void Enqueue_options_copy_their_webhook_ids_and_compare_them_by_content()
    {
        var ids = new List<string> { "hook-1" };
        var options = new EnqueueOptions { WebhookIds = ids };
        ids.Add("hook-2");

        Assert.Equal(["hook-1"], options.WebhookIds!);
        Assert.Equal(new EnqueueOptions { WebhookIds = ["hook-1"], Alias = "a" }, new EnqueueOptions { WebhookIds = ["hook-1"], Alias = "a" });
        Assert.NotEqual(new EnqueueOptions { WebhookIds = ["hook-1"] }, new EnqueueOptions { WebhookIds = ["hook-2"] });
    }

    [Fact]
    public void A_polygon_cannot_be_changed_through_the_points_it_was_built_from()
    {
        var points = new[] { new Point(0, 0), new Point(1, 0), new Point(1, 1) };
        var polygon = new Polygon(points);
        points[0] = new Point(9, 9);
        Assert.Equal(new Point(0, 0), polygon[0]);
        Assert.DoesNotContain(typeof(Polygon).GetInterfaces(), i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IList<>));
    }

    private static OcrWord Word(string text) => OcrResultFactory.Word(text, 0.1, 0.1, 0.05, 0.01);

    private static bool IsInitOnly(MethodInfo setter) =>
        setter.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.FullName == "System.Runtime.CompilerServices.IsExternalInit");
}
