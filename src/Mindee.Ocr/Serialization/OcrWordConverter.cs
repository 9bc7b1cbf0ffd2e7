using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mindee.Ocr.Serialization;

/// <summary>
/// Reads a word with no intermediate state: a result holds about a thousand of them, so this
/// is the hot path of reading a result. Unknown properties are skipped.
/// </summary>
internal sealed class OcrWordConverter : JsonConverter<OcrWord>
{
    public override OcrWord Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadWord(ref reader);

    public override void Write(Utf8JsonWriter writer, OcrWord value, JsonSerializerOptions options) => WriteWord(writer, value);

    public static OcrWord ReadWord(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException(reader.TokenType == JsonTokenType.Null ? "A list of words holds a null item." : "A word is not an object.");
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

        return new OcrWord
        {
            Content = content ?? throw new JsonException("A word has no content."),
            Polygon = polygon ?? throw new JsonException("A word has no polygon."),
        };
    }

    public static void WriteWord(Utf8JsonWriter writer, OcrWord value)
    {
        writer.WriteStartObject();
        writer.WriteString("content"u8, value.Content);
        writer.WritePropertyName("polygon"u8);
        PolygonConverter.WritePolygon(writer, value.Polygon);
        writer.WriteEndObject();
    }
}
