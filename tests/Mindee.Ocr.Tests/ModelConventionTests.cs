using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Mindee.Ocr.Tests.TestSupport;
using Xunit;

namespace Mindee.Ocr.Tests;

/// <summary>Every model type is immutable: no public setter, no collection a caller can write to.</summary>
public class ModelConventionTests
{
    private static readonly Type[] ModelTypes =
    [
        typeof(OcrJob), typeof(WebhookDelivery), typeof(OcrInference), typeof(JobReference), typeof(ModelReference),
        typeof(InferenceFile), typeof(OcrResult), typeof(OcrPage), typeof(OcrWord), typeof(Polygon), typeof(Point),
        typeof(BoundingBox), typeof(MindeeProblem), typeof(MindeeProblemItem), typeof(OcrWebhookDelivery), typeof(OcrWebhookFailure),
    ];

    [Fact]
    public void The_list_of_model_types_covers_the_models_namespace()
    {
        var modelFiles = typeof(OcrJob).Assembly.GetExportedTypes()
            .Where(t => t.Namespace == "Mindee.Ocr" && !t.IsEnum && !t.IsInterface && !typeof(Exception).IsAssignableFrom(t)
                && !t.Name.Contains("Client", StringComparison.Ordinal) && !t.Name.EndsWith("Options", StringComparison.Ordinal)
                && t != typeof(OcrInput) && t != typeof(MindeeOcrJson) && !t.IsAbstract)
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
    public void Every_collection_of_a_parsed_result_rejects_writes()
    {
        var inference = MindeeOcrJson.DeserializeInference(Fixture.Bytes("result-3-pages.json"));
        var job = MindeeOcrJson.DeserializeJob(Fixture.Bytes("job-processed.json"));
        var problem = new MindeeProblem(422, "t", "c", "d", [new MindeeProblemItem("#/a", "b")]);
        var collections = new object[] { inference.Result.Pages, inference.Result.Pages[0].Words, job.Webhooks, problem.Errors };
        foreach (var collection in collections)
        {
            Assert.IsNotType<List<OcrPage>>(collection, exactMatch: false);
            Assert.False(collection.GetType().IsArray, $"{collection.GetType()} is an array, which callers can write to.");
            if (collection is IList list)
            {
                Assert.True(list.IsReadOnly, $"{collection.GetType()} can be written to.");
            }
        }
    }

    [Fact]
    public void Collection_properties_of_models_reject_writes_when_built_by_hand()
    {
        var words = new List<OcrWord> { new("a", new Polygon(new Point(0, 0), new Point(1, 0), new Point(1, 1))) };
        var page = new OcrPage(words, "a");
        words.Add(new OcrWord("b", new Polygon()));
        Assert.Single(page.Words);
        var asList = Assert.IsAssignableFrom<IList<OcrWord>>(page.Words);
        Assert.Throws<NotSupportedException>(() => asList[0] = words[1]);
        Assert.Throws<NotSupportedException>(() => asList.Add(words[1]));
    }

    [Fact]
    public void Every_public_property_of_a_collection_type_is_a_read_only_interface()
    {
        var offenders = ModelTypes
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            .Where(p => p.PropertyType != typeof(string) && typeof(IEnumerable).IsAssignableFrom(p.PropertyType)
                && p.PropertyType != typeof(Polygon)
                && !(p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(IReadOnlyList<>)))
            .Select(p => $"{p.DeclaringType!.Name}.{p.Name}: {p.PropertyType.Name}")
            .ToList();
        Assert.Empty(offenders);
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

    private static bool IsInitOnly(MethodInfo setter) =>
        setter.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.FullName == "System.Runtime.CompilerServices.IsExternalInit");
}
