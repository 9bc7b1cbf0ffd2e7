using System.Text.Json.Serialization;

namespace Mindee.Ocr.Http;

/// <summary>
/// The one source-generated serializer context of the library: no reflection, so reading is
/// trimming- and AOT-safe. Missing required fields and nulls where the wire promises a value
/// fail loudly as <see cref="System.Text.Json.JsonException"/>, which the client wraps.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    Converters = [typeof(UtcDateTimeOffsetConverter), typeof(JobStatusConverter), typeof(PolygonConverter), typeof(OcrWordConverter)])]
[JsonSerializable(typeof(JobEnvelope))]
[JsonSerializable(typeof(InferenceEnvelope))]
[JsonSerializable(typeof(MindeeProblem))]
[JsonSerializable(typeof(WebhookPayload))]
internal sealed partial class MindeeJsonContext : JsonSerializerContext;
