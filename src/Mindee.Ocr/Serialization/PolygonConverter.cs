using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mindee.Ocr.Serialization;

/// <summary>
/// Reads <c>[[x, y], …]</c> straight into one array of <see cref="Point"/> structs:
/// no list of lists, no boxing. Coordinates are most of a result's bytes (8,800 numbers in a
/// 1,100-word result), so plain decimals are converted by <see cref="TryParseDecimal"/>.
/// </summary>
internal sealed class PolygonConverter : JsonConverter<Polygon>
{
    // 2^53: every integer up to it is exact in a double.
    private const ulong ExactIntegerLimit = 1UL << 53;

    private static readonly double[] PowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    public override Polygon Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ReadPolygon(ref reader);

    public override void Write(Utf8JsonWriter writer, Polygon value, JsonSerializerOptions options) =>
        WritePolygon(writer, value);

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

    public static void WritePolygon(Utf8JsonWriter writer, Polygon value)
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

    /// <summary>
    /// Converts a JSON number written as a plain decimal (<c>-</c>, digits, <c>.</c>, digits; no
    /// exponent) of at most 2^53 significant value and 22 decimals: both the digits and the power
    /// of ten are then exact doubles, so one division gives the correctly rounded result, the same
    /// double <see cref="Utf8JsonReader.GetDouble"/> gives. Anything else is left to it.
    /// </summary>
    internal static bool TryParseDecimal(ReadOnlySpan<byte> number, out double value)
    {
        value = 0;
        int i = 0;
        bool negative = number.Length > 0 && number[0] == '-';
        if (negative)
        {
            i = 1;
        }

        ulong digits = 0;
        int decimals = 0;
        bool inFraction = false;
        for (; i < number.Length; i++)
        {
            byte b = number[i];
            if (b == '.')
            {
                inFraction = true;
                continue;
            }

            uint digit = (uint)(b - '0');
            if (digit > 9)
            {
                return false; // an exponent: rare, left to the reader
            }

            digits = (digits * 10) + digit;
            if (digits > ExactIntegerLimit)
            {
                return false;
            }

            if (inFraction)
            {
                decimals++;
            }
        }

        if (decimals >= PowersOfTen.Length)
        {
            return false;
        }

        value = digits / PowersOfTen[decimals];
        if (negative)
        {
            value = -value;
        }

        return true;
    }

    private static double ReadCoordinate(ref Utf8JsonReader reader)
    {
        if (Next(ref reader) != JsonTokenType.Number)
        {
            throw new JsonException("A polygon coordinate is not a number.");
        }

        return !reader.HasValueSequence && TryParseDecimal(reader.ValueSpan, out double value) ? value : reader.GetDouble();
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader) =>
        reader.Read() ? reader.TokenType : throw new JsonException("A polygon ends early.");
}
