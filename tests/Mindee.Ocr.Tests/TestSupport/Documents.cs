using System;

namespace Mindee.Ocr.Tests.TestSupport;

/// <summary>Small documents with the real magic numbers of each type the service takes.</summary>
public static class Documents
{
    public static byte[] Pdf(int size = 2048) => WithHead("%PDF-1.7\n%\u00e2\u00e3\n"u8.ToArray(), size);

    public static byte[] Jpeg(int size = 1024) => WithHead([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F'], size);

    public static byte[] Png(int size = 1024) => WithHead([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R'], size);

    public static byte[] WebP(int size = 1024) => WithHead("RIFF\u0000\u0010\u0000\u0000WEBPVP8 "u8.ToArray(), size);

    public static byte[] Tiff(int size = 1024) => WithHead("II*\0\u0008\0\0\0"u8.ToArray(), size);

    public static byte[] Heic(int size = 1024) => WithHead([0, 0, 0, 0x18, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'h', (byte)'e', (byte)'i', (byte)'c', 0, 0, 0, 0], size);

    public static byte[] Heif(int size = 1024) => WithHead([0, 0, 0, 0x18, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'m', (byte)'i', (byte)'f', (byte)'1', 0, 0, 0, 0], size);

    public static byte[] Zip(int size = 512) => WithHead("PK\u0003\u0004"u8.ToArray(), size);

    /// <summary>The head, then a deterministic pattern that covers every byte value.</summary>
    private static byte[] WithHead(byte[] head, int size)
    {
        var bytes = new byte[Math.Max(size, head.Length)];
        head.CopyTo(bytes, 0);
        for (int i = head.Length; i < bytes.Length; i++)
        {
            bytes[i] = (byte)((i * 31) + (i >> 8));
        }

        return bytes;
    }
}
