using System;

namespace Mindee.Ocr.Input;

/// <summary>
/// Recognises the document types the service takes from their first bytes, whatever the file's
/// extension says: PDF, JPEG, PNG, WebP, TIFF, HEIC and HEIF.
/// </summary>
internal static class FileTypes
{
    public const string Accepted = "PDF, JPEG, PNG, WebP, TIFF, HEIC or HEIF";

    /// <summary>The MIME type of a document starting with <paramref name="head"/>, or null when it is none the service takes.</summary>
    public static string? Detect(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("%PDF-"u8))
        {
            return "application/pdf";
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return "image/jpeg";
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return "image/png";
        }

        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            return "image/webp";
        }

        if (head.StartsWith("II*\0"u8) || head.StartsWith("MM\0*"u8) || head.StartsWith("II+\0"u8) || head.StartsWith("MM\0+"u8))
        {
            return "image/tiff";
        }

        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8))
        {
            var brand = head[8..12];
            if (brand.SequenceEqual("heic"u8) || brand.SequenceEqual("heix"u8) || brand.SequenceEqual("hevc"u8) || brand.SequenceEqual("hevx"u8)
                || brand.SequenceEqual("heim"u8) || brand.SequenceEqual("heis"u8))
            {
                return "image/heic";
            }

            if (brand.SequenceEqual("mif1"u8) || brand.SequenceEqual("msf1"u8) || brand.SequenceEqual("heif"u8))
            {
                return "image/heif";
            }
        }

        return null;
    }

    /// <summary>The content type to send: the detected type, or a generic one when the check is off or inconclusive.</summary>
    /// <exception cref="ArgumentException">The check is on and the content is no type the service takes.</exception>
    public static string Require(ReadOnlySpan<byte> head, bool check, string what, string? paramName)
    {
        var type = Detect(head);
        if (type is null && check)
        {
            throw new ArgumentException(
                $"{what} is not a {Accepted} document (it starts with the bytes {Describe(head)}), whatever its extension says. " +
                "The service would refuse it; nothing was sent. Set MindeeOcrOptions.CheckFileType to false to send it anyway.",
                paramName);
        }

        return type ?? "application/octet-stream";
    }

    private static string Describe(ReadOnlySpan<byte> head) =>
        head.IsEmpty ? "none" : Convert.ToHexString(head[..Math.Min(head.Length, 4)]); // a magic number, not content
}
