using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mindee.Ocr.Serialization;
using Xunit;

namespace Mindee.Ocr.Tests;

/// <summary>
/// Every required field of the wire, missing or null, is the typed unreadable-body error, on every
/// target: System.Text.Json 10 refuses a null itself (RespectNullableAnnotations, the net10.0
/// build); System.Text.Json 8 (the net8.0 and netstandard2.0 builds, run by Mindee.Ocr.Tests.Net8
/// and Mindee.Ocr.Tests.NetStandard) has no such option, and the library keeps it as strict.
/// </summary>
public class RequiredFieldTests
{
    private const string Job = """
        {"job":{"id":"j","model_id":"m","filename":"a.pdf","alias":null,"created_at":"2025-07-03T14:27:58.974451",
        "completed_at":null,"status":"Failed","polling_url":"https://api-v2.mindee.net/v2/jobs/j","result_url":null,
        "webhooks":[{"id":"w","created_at":null,"status":"Failed","error":null,"attempts_count":1}],
        "error":{"status":422,"title":"Unreadable document","code":"422-102","detail":null,"errors":[]}}}
        """;

    private const string Inference = """
        {"inference":{"id":"i","job":{"id":"i"},"model":{"id":"m"},
        "file":{"name":"a.pdf","alias":null,"page_count":1,"mime_type":"application/pdf"},
        "result":{"pages":[{"content":"x","words":[{"content":"x","polygon":[[0.1,0.1],[0.2,0.1],[0.2,0.2],[0.1,0.2]]}]}]}}}
        """;

    /// <summary>Each required member of the types read from the wire, and where it is in <see cref="Job"/> or <see cref="Inference"/>.</summary>
    private static readonly (Type Type, string Member, string Path)[] Required =
    [
        (typeof(JobEnvelope), nameof(JobEnvelope.Job), "$.job"),
        (typeof(OcrJob), nameof(OcrJob.Id), "$.job.id"),
        (typeof(OcrJob), nameof(OcrJob.ModelId), "$.job.model_id"),
        (typeof(OcrJob), nameof(OcrJob.FileName), "$.job.filename"),
        (typeof(OcrJob), nameof(OcrJob.CreatedAt), "$.job.created_at"),
        (typeof(OcrJob), nameof(OcrJob.Status), "$.job.status"),
        (typeof(OcrJob), nameof(OcrJob.PollingUrl), "$.job.polling_url"),
        (typeof(WebhookDelivery), nameof(WebhookDelivery.Id), "$.job.webhooks[0].id"),
        (typeof(MindeeProblem), nameof(MindeeProblem.Status), "$.job.error.status"),
        (typeof(InferenceEnvelope), nameof(InferenceEnvelope.Inference), "$.inference"),
        (typeof(OcrInference), nameof(OcrInference.Id), "$.inference.id"),
        (typeof(OcrInference), nameof(OcrInference.Job), "$.inference.job"),
        (typeof(OcrInference), nameof(OcrInference.Model), "$.inference.model"),
        (typeof(OcrInference), nameof(OcrInference.File), "$.inference.file"),
        (typeof(OcrInference), nameof(OcrInference.Result), "$.inference.result"),
        (typeof(JobReference), nameof(JobReference.Id), "$.inference.job.id"),
        (typeof(ModelReference), nameof(ModelReference.Id), "$.inference.model.id"),
        (typeof(InferenceFile), nameof(InferenceFile.Name), "$.inference.file.name"),
        (typeof(InferenceFile), nameof(InferenceFile.PageCount), "$.inference.file.page_count"),
        (typeof(InferenceFile), nameof(InferenceFile.MimeType), "$.inference.file.mime_type"),
        (typeof(OcrResult), nameof(OcrResult.Pages), "$.inference.result.pages"),
        (typeof(OcrPage), nameof(OcrPage.Words), "$.inference.result.pages[0].words"),
        (typeof(OcrPage), nameof(OcrPage.Content), "$.inference.result.pages[0].content"),
        (typeof(OcrWord), nameof(OcrWord.Content), "$.inference.result.pages[0].words[0].content"),
        (typeof(OcrWord), nameof(OcrWord.Polygon), "$.inference.result.pages[0].words[0].polygon"),
    ];

    public static TheoryData<string> Paths => new(Required.Select(r => r.Path));

    [Fact]
    public void The_cases_below_cover_every_required_member_of_the_types_read_from_the_wire()
    {
        var wireTypes = Required.Select(r => r.Type).Distinct();
        var declared = wireTypes
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(IsRequired).Select(p => (t, p.Name)))
            .OrderBy(m => m.ToString(), StringComparer.Ordinal);
        Assert.Equal(declared, Required.Select(r => (r.Type, r.Member)).OrderBy(m => m.ToString(), StringComparer.Ordinal));
    }

    // By name: the netstandard2.0 build carries its own copy of the attribute (PolySharp).
    private static bool IsRequired(PropertyInfo property) =>
        property.GetCustomAttributes(inherit: false).Any(a => a.GetType().FullName == typeof(RequiredMemberAttribute).FullName);

    [Theory]
    [MemberData(nameof(Paths))]
    public void A_required_field_sent_as_null_is_the_typed_unreadable_body_error(string path)
    {
        var ex = Read(path, With(path, remove: false));

        AssertNamed(path, ex.Message);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void A_required_field_left_out_is_the_typed_unreadable_body_error(string path)
    {
        var ex = Read(path, With(path, remove: true));

        AssertNamed(path, ex.Message);
    }

    [Theory]
    [InlineData("$.job.id")]
    [InlineData("$.job.polling_url")]
    [InlineData("$.inference.job.id")]
    [InlineData("$.inference.file.mime_type")]
    public void A_null_reference_field_is_named_with_where_it_is(string path)
    {
        var ex = Read(path, With(path, remove: false));

        // The net10.0 build says it the way System.Text.Json 10 does (the member, then
        // "Path: $.job.id"), the others the way StrictReading does (the field as sent, then "(at $.job.id)").
        AssertNamed(path, ex.Message);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_webhook_result_with_a_null_required_field_is_the_typed_error_too()
    {
        var body = Encoding.UTF8.GetBytes(With("$.inference.file.name", remove: false));

        var ex = Assert.Throws<MindeeOcrException>(() => OcrWebhookDelivery.Parse(body));

        Assert.Equal(MindeeOcrFailureKind.UnreadableBody, ex.Kind);
        Assert.IsAssignableFrom<JsonException>(ex.InnerException);
        Assert.Contains("$.inference.file.name", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"job":{"model_id":null}}""", "ModelId", "$.job.model_id", "model_id")]
    [InlineData("""{"job":{"filename":null}}""", "FileName", "$.job.filename", "filename")]
    [InlineData("""{"a":[1,{"id":"x"},{"b":[null,{"id":null}]}]}""", "Id", "$.a[2].b[1].id", "id")]
    [InlineData("""{"id":"x","model":{"id":null}}""", "Id", "$.model.id", "id")]
    [InlineData("""{"id":"x","model_id":1}""", "ModelId", null, null)]
    [InlineData("""{"id":"x","model":{"ID":1},"unfinished":""", "Id", null, null)]
    public void The_null_a_model_refused_is_found_with_its_path_and_name_as_sent(string json, string member, string? path, string? field)
    {
        Assert.Equal(path, StrictReading.FindNull(Encoding.UTF8.GetBytes(json), member, out var name));
        Assert.Equal(field, name);
    }

    /// <summary>The typed error for <paramref name="json"/>, read as a job or a result (by the path's root).</summary>
    private static MindeeOcrException Read(string path, string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var ex = path.StartsWith("$.job", StringComparison.Ordinal)
            ? Assert.Throws<MindeeOcrException>(() => MindeeOcrJson.DeserializeJob(bytes))
            : Assert.Throws<MindeeOcrException>(() => MindeeOcrJson.DeserializeInference(bytes));
        Assert.Equal(MindeeOcrFailureKind.UnreadableBody, ex.Kind);
        Assert.IsAssignableFrom<JsonException>(ex.InnerException);
        Assert.Contains("could not be read as", ex.Message, StringComparison.Ordinal);
        return ex;
    }

    /// <summary><see cref="Job"/> or <see cref="Inference"/> (by the path's root) with the field at <paramref name="path"/> null or left out.</summary>
    private static string With(string path, bool remove)
    {
        var steps = path[2..].Replace("[", ".[", StringComparison.Ordinal).Split('.');
        var root = JsonNode.Parse(steps[0] == "job" ? Job : Inference)!;
        JsonNode parent = root;
        foreach (var step in steps[..^1])
        {
            parent = step.StartsWith('[') ? parent[int.Parse(step[1..^1], System.Globalization.CultureInfo.InvariantCulture)]! : parent[step]!;
        }

        var last = steps[^1];
        if (remove)
        {
            parent.AsObject().Remove(last);
        }
        else
        {
            parent[last] = null;
        }

        return root.ToJsonString();
    }

    /// <summary>The message names the field: as sent (<c>model_id</c>), or as the model's member (<c>'ModelId'</c>).</summary>
    private static void AssertNamed(string path, string message)
    {
        var member = Required.Single(r => r.Path == path).Member;
        Assert.True(
            message.Contains(Field(path), StringComparison.OrdinalIgnoreCase) || message.Contains($"'{member}'", StringComparison.Ordinal),
            $"Neither {Field(path)} nor '{member}' is named: {message}");
    }

    /// <summary>The field's name as sent: the path's last step.</summary>
    private static string Field(string path) => path[(path.LastIndexOf('.') + 1)..];

    [Fact]
    public void The_json_the_cases_start_from_reads()
    {
        Assert.Equal(JobStatus.Failed, MindeeOcrJson.DeserializeJob(Encoding.UTF8.GetBytes(Job)).Status);
        Assert.Equal("x", MindeeOcrJson.DeserializeInference(Encoding.UTF8.GetBytes(Inference)).Result.Text);
        IReadOnlyList<string> names = [.. Required.Select(r => Field(r.Path))];
        Assert.DoesNotContain(string.Empty, names);
    }
}
