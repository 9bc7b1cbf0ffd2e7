using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace Mindee.Ocr.Serialization;

/// <summary>
/// The one source-generated serializer context of the library: no reflection, so reading is
/// trimming- and AOT-safe. Missing required fields, nulls where the wire promises a value and
/// null items in lists fail loudly as <see cref="System.Text.Json.JsonException"/>, which
/// <see cref="JsonReading"/> turns into a typed error. The two <c>Respect…</c> options exist from
/// System.Text.Json 9 (the net10.0 build); below it (net8.0, netstandard2.0) the models' own null
/// checks and <see cref="StrictReading"/> keep reading as strict.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
#if NET9_0_OR_GREATER
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
#endif
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    Converters =
    [
        typeof(UtcDateTimeOffsetConverter),
        typeof(JobStatusConverter),
        typeof(PolygonConverter),
        typeof(OcrWordConverter),
        typeof(OcrPageConverter),
        typeof(ItemListConverter<OcrPage>),
        typeof(OptionalItemListConverter<WebhookDelivery>),
        typeof(OptionalItemListConverter<MindeeProblemItem>),
    ])]
[JsonSerializable(typeof(JobEnvelope))]
[JsonSerializable(typeof(InferenceEnvelope))]
[JsonSerializable(typeof(MindeeProblem))]
[JsonSerializable(typeof(WebhookPayload))]
[JsonSerializable(typeof(OcrPage))]
[JsonSerializable(typeof(WebhookDelivery))]
[JsonSerializable(typeof(MindeeProblemItem))]
[JsonSerializable(typeof(IReadOnlyList<OcrPage>))]
[JsonSerializable(typeof(IReadOnlyList<WebhookDelivery>))]
[JsonSerializable(typeof(IReadOnlyList<MindeeProblemItem>))]
internal sealed partial class MindeeJsonContext : JsonSerializerContext;
