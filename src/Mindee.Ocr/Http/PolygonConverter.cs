using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mindee.Ocr.Http;

/// <summary>
/// Reads <c>[[x, y], …]</c> straight into one array of <see cref="Point"/> structs:
/// no list of lists, no boxing.
/// </summary>
internal sealed class PolygonConverter : JsonConverter<Polygon>
{
    public override Polygon Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ReadPolygon(ref reader);

    public static Polygon ReadPolygon(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("A polygon is not an array of points.");
        }

        // Every polygon seen so far has four points; grow only for the rare others.
        var points = new Point[4];
        int count = 0;
        while (Next(ref reader) != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw new JsonException("A polygon point is not an [x, y] array.");
            }

            double x = ReadCoordinate(ref reader);
            double y = ReadCoordinate(ref reader);
            if (Next(ref reader) != JsonTokenType.EndArray)
            {
                throw new JsonException("A polygon point has more than two coordinates.");
            }

            if (count == points.Length)
            {
                Array.Resize(ref points, points.Length * 2);
            }

            points[count++] = new Point(x, y);
        }

        if (count != points.Length)
        {
            Array.Resize(ref points, count);
        }

        return Polygon.Wrap(points);
    }

    public override void Write(Utf8JsonWriter writer, Polygon value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var point in value)
        {
            writer.WriteStartArray();
            writer.WriteNumberValue(point.X);
            writer.WriteNumberValue(point.Y);
            writer.WriteEndArray();
        }

        writer.WriteEndArray();
    }

    private static double ReadCoordinate(ref Utf8JsonReader reader)
    {
        if (Next(ref reader) != JsonTokenType.Number)
        {
            throw new JsonException("A polygon coordinate is not a number.");
        }

        return reader.GetDouble();
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader) =>
        reader.Read() ? reader.TokenType : throw new JsonException("A polygon ends early.");
}
