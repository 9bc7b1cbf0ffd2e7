#if NETSTANDARD2_0
using System.Runtime.CompilerServices;

namespace System.Security.Cryptography;

/// <summary>netstandard2.0 has no <c>CryptographicOperations</c>: the one member the library uses.</summary>
internal static class CryptographicOperations
{
    /// <summary>Compares in a time that depends on the length only, not on where the bytes differ.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.NoOptimization)]
    public static bool FixedTimeEquals(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        if (left.Length != right.Length)
        {
            return false;
        }

        int difference = 0;
        for (int i = 0; i < left.Length; i++)
        {
            difference |= left[i] ^ right[i];
        }

        return difference == 0;
    }
}
#endif
