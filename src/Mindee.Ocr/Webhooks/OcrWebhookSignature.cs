using System;
using System.Security.Cryptography;
using System.Text;

namespace Mindee.Ocr;

/// <summary>
/// Checks a webhook delivery's signature: HMAC-SHA256 of the raw body, keyed with the webhook's
/// signing secret (UTF-8), sent as hex in <see cref="HeaderName"/> (or
/// <see cref="AlternateHeaderName"/>). Compared in constant time. A missing or malformed
/// signature is simply invalid: nothing tells whether the secret or the body was wrong.
/// </summary>
/// <example>
/// <code>
/// bool genuine = OcrWebhookSignature.IsValid(bodyBytes, request.Headers["X-Signature"], secret);
/// </code>
/// </example>
public static class OcrWebhookSignature
{
    /// <summary>The header Mindee's documentation names: <c>X-Signature</c>.</summary>
    public const string HeaderName = "X-Signature";

    /// <summary>The header Mindee's SDKs name: <c>X-Mindee-Hmac-Signature</c>.</summary>
    public const string AlternateHeaderName = "X-Mindee-Hmac-Signature";

    private const int SignatureBytes = 32;

    /// <summary>
    /// Whether <paramref name="signature"/> is the HMAC-SHA256 of <paramref name="body"/> under
    /// <paramref name="secret"/>: first of the raw bytes, then of the body with <c>\r</c> and
    /// <c>\n</c> removed (what Mindee's own SDKs hash). Hex in either case; a <c>sha256=</c> prefix is allowed.
    /// </summary>
    /// <param name="body">The raw body, exactly as received.</param>
    /// <param name="signature">The header's value; null or empty is invalid.</param>
    /// <param name="secret">The webhook's signing secret.</param>
    /// <returns>True only for a genuine signature.</returns>
    /// <exception cref="ArgumentException"><paramref name="secret"/> is null or empty: a configuration mistake, not a bad delivery.</exception>
    public static bool IsValid(ReadOnlySpan<byte> body, string? signature, string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        Span<byte> expected = stackalloc byte[SignatureBytes];
        if (!TryParseHex(signature, expected))
        {
            return false;
        }

        var key = Encoding.UTF8.GetBytes(secret);
        Span<byte> actual = stackalloc byte[SignatureBytes];
        HMACSHA256.HashData(key, body, actual);
        if (CryptographicOperations.FixedTimeEquals(actual, expected))
        {
            return true;
        }

        if (body.IndexOfAny((byte)'\r', (byte)'\n') < 0)
        {
            return false;
        }

        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        var rest = body;
        while (!rest.IsEmpty)
        {
            int cut = rest.IndexOfAny((byte)'\r', (byte)'\n');
            if (cut < 0)
            {
                hmac.AppendData(rest);
                break;
            }

            hmac.AppendData(rest[..cut]);
            rest = rest[(cut + 1)..];
        }

        hmac.GetHashAndReset(actual);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>The signature of <paramref name="body"/>, as lowercase hex: for tests and for signing your own deliveries.</summary>
    /// <param name="body">The body.</param>
    /// <param name="secret">The signing secret.</param>
    /// <returns>64 lowercase hex characters.</returns>
    public static string Compute(ReadOnlySpan<byte> body, string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        return Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body)).ToLowerInvariant();
    }

    private static bool TryParseHex(string? text, Span<byte> destination)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var hex = text.AsSpan().Trim();
        if (hex.StartsWith("sha256=", StringComparison.OrdinalIgnoreCase))
        {
            hex = hex[7..];
        }

        if (hex.Length != destination.Length * 2)
        {
            return false;
        }

        for (int i = 0; i < destination.Length; i++)
        {
            int high = HexValue(hex[2 * i]), low = HexValue(hex[(2 * i) + 1]);
            if ((high | low) < 0)
            {
                return false;
            }

            destination[i] = (byte)((high << 4) | low);
        }

        return true;
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
