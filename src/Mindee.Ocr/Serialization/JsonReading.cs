using System;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;

namespace Mindee.Ocr.Serialization;

/// <summary>
/// Reads the service's JSON into the models: the one place where a failure to read (malformed or
/// truncated JSON, a missing field, a null where the wire promises a value) is caught, the same
/// way on every target (see <see cref="StrictReading"/> for the targets below System.Text.Json 9). Everything
/// is read from a span: a stream is first read into a <see cref="Utf8Body"/>, so a body is parsed
/// in one pass and never as text.
/// </summary>
internal static class JsonReading
{
    /// <summary>Reads <paramref name="utf8Json"/> as <typeparamref name="T"/>, or says why it cannot.</summary>
    public static bool TryRead<T>(ReadOnlySpan<byte> utf8Json, JsonTypeInfo<T> type, [NotNullWhen(true)] out T? value, [NotNullWhen(false)] out JsonException? error)
        where T : class
    {
        try
        {
            value = JsonSerializer.Deserialize(utf8Json, type);
            error = value is null ? new JsonException("The JSON is the literal null.") : null;
        }
        catch (JsonException ex)
        {
            value = null;
            error = ex;
        }
        catch (ArgumentNullException ex)
        {
            // A model's init accessor refused a null: below System.Text.Json 9 (net8.0,
            // netstandard2.0) nothing refuses it earlier. See StrictReading.
            value = null;
            error = StrictReading.NullValue(utf8Json, ex);
        }

        return error is null;
    }

    /// <summary>Reads <paramref name="utf8Json"/> as <typeparamref name="T"/>.</summary>
    /// <exception cref="MindeeOcrException">The JSON cannot be read; the message says what, where and why.</exception>
    public static T Read<T>(ReadOnlySpan<byte> utf8Json, JsonTypeInfo<T> type, string subject, string what)
        where T : class =>
        TryRead(utf8Json, type, out var value, out var error) ? value : throw Unreadable(subject, what, error);

    /// <summary>Reads a whole stream (never as text), then the JSON in it.</summary>
    /// <exception cref="MindeeOcrException">The stream is over 2 GB, or its JSON cannot be read.</exception>
    public static async Task<T> ReadAsync<T>(Stream utf8Json, JsonTypeInfo<T> type, string subject, string what, CancellationToken cancellationToken)
        where T : class
    {
        using var body = await Utf8Body.ReadAsync(utf8Json, Utf8Body.MaxLength, lengthHint: null, cancellationToken).ConfigureAwait(false);
        if (body.Stopped != Utf8Body.StopReason.None)
        {
            throw Unreadable(subject, what, new JsonException(body.Describe()));
        }

        return Read(body.Span, type, subject, what);
    }

    /// <summary>The typed error for JSON that cannot be read: <c>{subject} could not be read as {what}: {why (at path)}</c>.</summary>
    public static MindeeOcrException Unreadable(string subject, string what, JsonException error) =>
        new($"{subject} could not be read as {what}: {Describe(error)}", MindeeOcrFailureKind.UnreadableBody, error);

    /// <summary>A JSON error's message with where it happened, for an exception message.</summary>
    public static string Describe(JsonException error) =>
        error.Path is { Length: > 0 } path && !error.Message.Contains(path, StringComparison.Ordinal)
            ? $"{error.Message} (at {path})"
            : error.Message;
}
