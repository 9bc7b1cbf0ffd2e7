#if NETSTANDARD2_0
using System;
using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Mindee.Ocr;

/// <summary>
/// The few BCL members the library uses that netstandard2.0 lacks, written on what it has, so the
/// code reads the same on every target. Each behaves as its .NET 8 namesake for the library's uses.
/// </summary>
internal static class NetStandardPolyfills
{
    extension(ArgumentNullException)
    {
        public static void ThrowIfNull([NotNull] object? argument, [CallerArgumentExpression(nameof(argument))] string? paramName = null)
        {
            if (argument is null)
            {
                throw new ArgumentNullException(paramName);
            }
        }
    }

    extension(ArgumentException)
    {
        public static void ThrowIfNullOrEmpty([NotNull] string? argument, [CallerArgumentExpression(nameof(argument))] string? paramName = null)
        {
            ArgumentNullException.ThrowIfNull(argument, paramName);
            if (argument.Length == 0)
            {
                throw new ArgumentException("The value cannot be an empty string.", paramName);
            }
        }

        public static void ThrowIfNullOrWhiteSpace([NotNull] string? argument, [CallerArgumentExpression(nameof(argument))] string? paramName = null)
        {
            ArgumentNullException.ThrowIfNull(argument, paramName);
            if (string.IsNullOrWhiteSpace(argument))
            {
                throw new ArgumentException("The value cannot be an empty string or composed entirely of whitespace.", paramName);
            }
        }
    }

    extension(ObjectDisposedException)
    {
        public static void ThrowIf([DoesNotReturnIf(true)] bool condition, object instance)
        {
            if (condition)
            {
                throw new ObjectDisposedException(instance?.GetType().FullName);
            }
        }
    }

    extension(Random)
    {
        /// <summary>A thread-safe shared instance, as .NET 6's <c>Random.Shared</c>.</summary>
        public static Random Shared => LockedRandom.Instance;
    }

    extension(Math)
    {
        public static int Clamp(int value, int min, int max) => value < min ? min : value > max ? max : value;
    }

    extension(Convert)
    {
        public static string ToHexString(byte[] bytes) => ToHexString((ReadOnlySpan<byte>)bytes);

        public static string ToHexString(ReadOnlySpan<byte> bytes)
        {
            const string Digits = "0123456789ABCDEF";
            var chars = new char[bytes.Length * 2];
            for (int i = 0; i < bytes.Length; i++)
            {
                chars[2 * i] = Digits[bytes[i] >> 4];
                chars[(2 * i) + 1] = Digits[bytes[i] & 0xF];
            }

            return new string(chars);
        }
    }

    extension(HMACSHA256)
    {
        public static byte[] HashData(byte[] key, ReadOnlySpan<byte> source)
        {
            using var hmac = new HMACSHA256(key);
            return hmac.ComputeHash(source.ToArray());
        }

        public static int HashData(byte[] key, ReadOnlySpan<byte> source, Span<byte> destination)
        {
            var hash = HashData(key, source);
            hash.CopyTo(destination);
            return hash.Length;
        }
    }

    extension(Task)
    {
        public static Task Delay(TimeSpan delay, TimeProvider timeProvider, CancellationToken cancellationToken) =>
            timeProvider.Delay(delay, cancellationToken);
    }

    extension(IncrementalHash hash)
    {
        public void AppendData(ReadOnlySpan<byte> data) => hash.AppendData(data.ToArray());

        public int GetHashAndReset(Span<byte> destination)
        {
            var result = hash.GetHashAndReset();
            result.CopyTo(destination);
            return result.Length;
        }
    }

    extension(string text)
    {
        public bool Contains(string value, StringComparison comparison) => text.IndexOf(value, comparison) >= 0;

        public string Replace(string oldValue, string newValue, StringComparison comparison)
        {
            if (comparison != StringComparison.Ordinal)
            {
                throw new NotSupportedException("Only ordinal replacement is polyfilled.");
            }

            return text.Replace(oldValue, newValue);
        }

        public bool StartsWith(char value) => text.Length > 0 && text[0] == value;

        public bool EndsWith(char value) => text.Length > 0 && text[text.Length - 1] == value;

        public int IndexOf(char value, StringComparison comparison) => text.IndexOf(value.ToString(), comparison);
    }

    extension(Encoding encoding)
    {
        public string GetString(ReadOnlySpan<byte> bytes) => encoding.GetString(bytes.ToArray());
    }

    extension(HttpContent content)
    {
        public Task<Stream> ReadAsStreamAsync(CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return content.ReadAsStreamAsync();
        }

        public Task<byte[]> ReadAsByteArrayAsync(CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return content.ReadAsByteArrayAsync();
        }
    }

    extension(Stream stream)
    {
        public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (MemoryMarshal.TryGetArray<byte>(buffer, out var segment))
            {
                return await stream.ReadAsync(segment.Array!, segment.Offset, segment.Count, cancellationToken).ConfigureAwait(false);
            }

            var rented = ArrayPool<byte>.Shared.Rent(buffer.Length);
            try
            {
                int read = await stream.ReadAsync(rented, 0, buffer.Length, cancellationToken).ConfigureAwait(false);
                rented.AsSpan(0, read).CopyTo(buffer.Span);
                return read;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }

        public async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (MemoryMarshal.TryGetArray(buffer, out var segment))
            {
                await stream.WriteAsync(segment.Array!, segment.Offset, segment.Count, cancellationToken).ConfigureAwait(false);
                return;
            }

            var rented = ArrayPool<byte>.Shared.Rent(buffer.Length);
            try
            {
                buffer.Span.CopyTo(rented);
                await stream.WriteAsync(rented, 0, buffer.Length, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }

        public ValueTask DisposeAsync()
        {
            stream.Dispose();
            return default;
        }
    }

    /// <summary>A <see cref="Random"/> safe to share between threads.</summary>
    private sealed class LockedRandom : Random
    {
        public static readonly LockedRandom Instance = new();

        private readonly object _gate = new();

        public override double NextDouble()
        {
            lock (_gate)
            {
                return base.NextDouble();
            }
        }

        public override int Next()
        {
            lock (_gate)
            {
                return base.Next();
            }
        }

        public override int Next(int maxValue)
        {
            lock (_gate)
            {
                return base.Next(maxValue);
            }
        }

        public override int Next(int minValue, int maxValue)
        {
            lock (_gate)
            {
                return base.Next(minValue, maxValue);
            }
        }

        public override void NextBytes(byte[] buffer)
        {
            lock (_gate)
            {
                base.NextBytes(buffer);
            }
        }
    }
}
#endif
