using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace Mindee.Ocr.Serialization;

/// <summary>
/// A null where the wire promises a value, as a <see cref="JsonException"/> that names the field
/// and where it is, on every target.
/// </summary>
/// <remarks>
/// From System.Text.Json 9 (the net10.0 build), <c>RespectNullableAnnotations</c> refuses such a
/// null while reading. Below 9 (net8.0 uses the framework's System.Text.Json 8, netstandard2.0 the
/// 8.0 package) that option does not exist: the null reaches the model's <c>init</c> accessor,
/// which refuses it with an <see cref="ArgumentNullException"/> naming the member (the envelopes do
/// the same). <see cref="JsonReading"/> turns that exception into this one, so the caller gets the
/// same typed unreadable-body error either way. A missing required field needs no help: C#'s
/// <c>required</c> is enforced by System.Text.Json since 7.
/// </remarks>
internal static class StrictReading
{
    /// <summary>The error for a null that a model refused while <paramref name="utf8Json"/> was read.</summary>
    public static JsonException NullValue(ReadOnlySpan<byte> utf8Json, ArgumentNullException refused)
    {
        var member = refused.ParamName ?? string.Empty;
        var path = FindNull(utf8Json, member, out var field);
        return new JsonException($"The field '{field ?? member}' is null where a value is required.", path, null, null, refused);
    }

    /// <summary>
    /// The JSON path of the first <c>null</c> given to a property named like <paramref name="member"/>
    /// (<c>ModelId</c> matches <c>model_id</c>, <c>FileName</c> matches <c>filename</c>), and that
    /// property's name as sent; null when there is none (or the JSON breaks off before it).
    /// </summary>
    internal static string? FindNull(ReadOnlySpan<byte> utf8Json, string member, out string? field)
    {
        field = null;
        var frames = new List<Frame>();
        var reader = new Utf8JsonReader(utf8Json);
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        frames.RemoveAt(frames.Count - 1);
                        continue;
                    case JsonTokenType.PropertyName:
                        frames[frames.Count - 1].Property = reader.GetString();
                        continue;
                }

                // A value: the next item of an array, or the value of the property just read.
                var parent = frames.Count > 0 ? frames[frames.Count - 1] : null;
                if (parent is { IsArray: true })
                {
                    parent.Index++;
                }
                else if (reader.TokenType == JsonTokenType.Null && parent?.Property is { } name && SameMember(name, member))
                {
                    field = name;
                    return Path(frames);
                }

                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    frames.Add(new Frame(reader.TokenType == JsonTokenType.StartArray));
                }
            }
        }
        catch (JsonException)
        {
            // The JSON breaks off after the value that was read: nothing more to find.
        }

        return null;
    }

    /// <summary><c>model_id</c> and <c>ModelId</c>, <c>filename</c> and <c>FileName</c>: the same member.</summary>
    private static bool SameMember(string wireName, string member)
    {
        int w = 0, m = 0;
        while (true)
        {
            while (w < wireName.Length && wireName[w] == '_')
            {
                w++;
            }

            if (w == wireName.Length || m == member.Length)
            {
                return w == wireName.Length && m == member.Length;
            }

            if (char.ToUpperInvariant(wireName[w]) != char.ToUpperInvariant(member[m]))
            {
                return false;
            }

            w++;
            m++;
        }
    }

    private static string Path(List<Frame> frames)
    {
        var path = new StringBuilder("$");
        foreach (var frame in frames)
        {
            if (frame.IsArray)
            {
                path.Append('[').Append(frame.Index).Append(']');
            }
            else
            {
                path.Append('.').Append(frame.Property);
            }
        }

        return path.ToString();
    }

    private sealed class Frame(bool isArray)
    {
        public bool IsArray { get; } = isArray;

        public int Index { get; set; } = -1;

        public string? Property { get; set; }
    }
}
