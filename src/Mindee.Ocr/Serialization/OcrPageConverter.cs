using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mindee.Ocr.Serialization;

/// <summary>
/// Reads a page and its words straight into one exact-size array (a page holds hundreds of
/// words): no growing list per page, no second copy. Unknown properties are skipped.
/// </summary>
internal sealed class OcrPageConverter : JsonConverter<OcrPage>
{
    // Words are gathered here, then copied once into an array of the right size. A converter
    // reads synchronously, so one scratch array per thread is never shared by two pages.
    [ThreadStatic]
    private static OcrWord[]? t_scratch;

    public override OcrPage Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A page is not an object.");
        }

        string? content = null;
        OcrWord[]? words = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("content"u8))
            {
                reader.Read();
                content = reader.TokenType == JsonTokenType.String
                    ? reader.GetString()
                    : throw new JsonException("A page's content is not a string.");
            }
            else if (reader.ValueTextEquals("words"u8))
            {
                reader.Read();
                words = ReadWords(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            throw new JsonException("A page ends early.");
        }

        return new OcrPage
        {
            Words = ItemList<OcrWord>.Own(words ?? throw new JsonException("A page has no words list.")),
            Content = content ?? throw new JsonException("A page has no content."),
        };
    }

    public override void Write(Utf8JsonWriter writer, OcrPage value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("content"u8, value.Content);
        writer.WriteStartArray("words"u8);
        foreach (var word in value.Words)
        {
            OcrWordConverter.WriteWord(writer, word);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static OcrWord[] ReadWords(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("A page's words are not an array.");
        }

        var scratch = t_scratch ??= new OcrWord[512];
        int count = 0;
        try
        {
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (count == scratch.Length)
                {
                    Array.Resize(ref scratch, scratch.Length * 2);
                    t_scratch = scratch;
                }

                scratch[count++] = OcrWordConverter.ReadWord(ref reader);
            }

            if (reader.TokenType != JsonTokenType.EndArray)
            {
                throw new JsonException("A page's words end early.");
            }

            return count == 0 ? [] : scratch.AsSpan(0, count).ToArray();
        }
        finally
        {
            // Let the words be collected with their result, not held by the scratch array.
            Array.Clear(scratch, 0, count);
        }
    }
}
