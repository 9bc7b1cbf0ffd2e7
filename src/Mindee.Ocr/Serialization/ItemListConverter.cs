using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Mindee.Ocr.Serialization;

/// <summary>
/// Reads a JSON array into the models' read-only <see cref="ItemList{T}"/>, each item through the
/// context's own metadata. A null item is a <see cref="JsonException"/> here, where the JSON is read,
/// not an error of the model later. A null list is an error too; see <see cref="OptionalItemListConverter{T}"/>.
/// </summary>
internal class ItemListConverter<T> : JsonConverter<IReadOnlyList<T>>
    where T : class
{
    public override IReadOnlyList<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return ItemList<T>.Empty;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"A list of {typeof(T).Name} is not an array.");
        }

        // The item's converter is called directly: JsonSerializer.Deserialize(ref reader, …) would
        // first skip over each item to find its end, reading every page twice.
        var item = (JsonConverter<T>)ItemType(options).Converter;
        var items = new List<T>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                throw new JsonException($"A list of {typeof(T).Name} holds a null item.");
            }

            items.Add(item.Read(ref reader, typeof(T), options) ?? throw new JsonException($"A list of {typeof(T).Name} holds a null item."));
        }

        return ItemList<T>.Own(items.ToArray());
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<T> value, JsonSerializerOptions options)
    {
        var item = ItemType(options);
        writer.WriteStartArray();
        foreach (var element in value)
        {
            JsonSerializer.Serialize(writer, element, item);
        }

        writer.WriteEndArray();
    }

    private static JsonTypeInfo<T> ItemType(JsonSerializerOptions options) => (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
}

/// <summary>A list the service may send as <c>null</c> (<c>webhooks</c>, <c>errors</c>): read as empty.</summary>
internal sealed class OptionalItemListConverter<T> : ItemListConverter<T>
    where T : class
{
    public override bool HandleNull => true;
}
