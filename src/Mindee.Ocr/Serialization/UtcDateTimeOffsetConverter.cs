using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mindee.Ocr.Serialization;

/// <summary>
/// Reads the service's timestamps as UTC whatever the machine's time zone. The service sends
/// <c>2025-07-03T14:27:58.974451</c> (no offset, meaning UTC) and sometimes a <c>Z</c>;
/// System.Text.Json alone would give an offset-less value the machine's local offset.
/// </summary>
internal sealed class UtcDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String || !reader.TryGetDateTime(out var dateTime))
        {
            throw new JsonException("A timestamp is not an ISO 8601 date and time.");
        }

        switch (dateTime.Kind)
        {
            case DateTimeKind.Unspecified:
                return new DateTimeOffset(DateTime.SpecifyKind(dateTime, DateTimeKind.Utc));
            case DateTimeKind.Utc:
                return new DateTimeOffset(dateTime);
            default:
                // An explicit offset: read it as such, so no local conversion happens.
                return reader.TryGetDateTimeOffset(out var withOffset)
                    ? withOffset.ToUniversalTime()
                    : throw new JsonException("A timestamp has an unreadable offset.");
        }
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime);
}
