using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mindee.Ocr.Serialization;

/// <summary>Reads a status by name; a name this version does not know becomes <see cref="JobStatus.Unknown"/>.</summary>
internal sealed class JobStatusConverter : JsonConverter<JobStatus>
{
    public override JobStatus Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("A status is not a string.");
        }

        if (reader.ValueTextEquals("Processing"u8))
        {
            return JobStatus.Processing;
        }

        if (reader.ValueTextEquals("Processed"u8))
        {
            return JobStatus.Processed;
        }

        if (reader.ValueTextEquals("Failed"u8))
        {
            return JobStatus.Failed;
        }

        return reader.GetString() switch
        {
            { } s when s.Equals("processing", StringComparison.OrdinalIgnoreCase) => JobStatus.Processing,
            { } s when s.Equals("processed", StringComparison.OrdinalIgnoreCase) => JobStatus.Processed,
            { } s when s.Equals("failed", StringComparison.OrdinalIgnoreCase) => JobStatus.Failed,
            _ => JobStatus.Unknown,
        };
    }

    public override void Write(Utf8JsonWriter writer, JobStatus value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value switch
        {
            JobStatus.Processing => "Processing",
            JobStatus.Processed => "Processed",
            JobStatus.Failed => "Failed",
            _ => "Unknown",
        });
}
