using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mindee.Ocr.Http;

/// <summary>
/// Reads a word with no intermediate state: a result holds about a thousand of them, so this
/// is the hot path of reading a result. Unknown properties are skipped.
/// </summary>
internal sealed class OcrWordConverter : JsonConverter<OcrWord>
{
    public override OcrWord Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A word is not an object.");
        }

        string? content = null;
        Polygon? polygon = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("content"u8))
            {
                reader.Read();
                content = reader.TokenType == JsonTokenType.String
                    ? reader.GetString()
                    : throw new JsonException("A word's content is not a string.");
            }
            else if (reader.ValueTextEquals("polygon"u8))
            {
                reader.Read();
                polygon = PolygonConverter.ReadPolygon(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            throw new JsonException("A word ends early.");
        }

        return new OcrWord(
            content ?? throw new JsonException("A word has no content."),
            polygon ?? throw new JsonException("A word has no polygon."));
    }

    public override void Write(Utf8JsonWriter writer, OcrWord value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("content"u8, value.Content);
        writer.WritePropertyName("polygon"u8);
        PolygonConverterWrite(writer, value.Polygon, options);
        writer.WriteEndObject();
    }

    private static readonly PolygonConverter Polygons = new();

    private static void PolygonConverterWrite(Utf8JsonWriter writer, Polygon polygon, JsonSerializerOptions options) =>
        Polygons.Write(writer, polygon, options);
}
