using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;

namespace Mindee.Ocr;

/// <summary>
/// Makes the collections of the models read-only: a private copy behind
/// <see cref="ReadOnlyCollection{T}"/>, so a caller can neither cast it back to a writable
/// list nor change it through the list it was built from.
/// </summary>
internal static class ReadOnlyItems
{
    public static IReadOnlyList<T> Copy<T>(IEnumerable<T>? items)
    {
        if (items is null)
        {
            return Empty<T>.Instance;
        }

        var array = items.ToArray();
        if (default(T) is null && Array.IndexOf(array, default) >= 0)
        {
            // From JSON, this becomes a typed "unreadable" error (see ErrorResponses.AsJsonException).
            throw new ArgumentException($"A list of {typeof(T).Name} holds a null item.", nameof(items));
        }

        return array.Length == 0 ? Empty<T>.Instance : new ReadOnlyCollection<T>(array);
    }

    private static class Empty<T>
    {
        public static readonly ReadOnlyCollection<T> Instance = new([]);
    }
}
