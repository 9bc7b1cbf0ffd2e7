using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;

namespace Mindee.Ocr;

/// <summary>
/// The collections of the models: an immutable array behind <see cref="IReadOnlyList{T}"/>, so a
/// caller can neither cast it back to a writable list nor change it through the list it was built
/// from, with value equality over its items, so two reads of the same JSON are equal.
/// </summary>
internal sealed class ItemList<T> : IReadOnlyList<T>, IList<T>, IList, IEquatable<ItemList<T>>
    where T : notnull
{
    private readonly T[] _items;
    private readonly int _start;
    private readonly int _count;

    private ItemList(T[] items)
        : this(items, 0, items.Length)
    {
    }

    private ItemList(T[] items, int start, int count)
    {
        _items = items;
        _start = start;
        _count = count;
    }

    public static ItemList<T> Empty { get; } = new([]);

    public int Count => _count;

    bool ICollection<T>.IsReadOnly => true;

    bool IList.IsReadOnly => true;

    bool IList.IsFixedSize => true;

    bool ICollection.IsSynchronized => false;

    object ICollection.SyncRoot => this;

    public T this[int index] => (uint)index < (uint)_count ? _items[_start + index] : throw new ArgumentOutOfRangeException(nameof(index));

    T IList<T>.this[int index]
    {
        get => this[index];
        set => throw ReadOnly();
    }

    object? IList.this[int index]
    {
        get => this[index];
        set => throw ReadOnly();
    }

    private ReadOnlySpan<T> Items => new(_items, _start, _count);

    /// <summary>Takes ownership of an array nobody else holds (the JSON readers build them).</summary>
    public static ItemList<T> Own(T[] items) => items.Length == 0 ? Empty : new(items);

    /// <summary>
    /// The items from <paramref name="start"/> on, <paramref name="count"/> of them, sharing this
    /// list's array (blocks and lines are runs of their page's words).
    /// </summary>
    public ItemList<T> Slice(int start, int count)
    {
        if ((uint)start > (uint)_count || (uint)count > (uint)(_count - start))
        {
            throw new ArgumentOutOfRangeException(nameof(start));
        }

        return count == _count ? this : count == 0 ? Empty : new(_items, _start + start, count);
    }

    /// <summary>A copy of <paramref name="items"/>; an <see cref="ItemList{T}"/> is shared as it is, being immutable.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="items"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="items"/> holds a null item.</exception>
    public static ItemList<T> Copy(IEnumerable<T> items, string paramName)
    {
        if (items is null)
        {
            throw new ArgumentNullException(paramName);
        }

        if (items is ItemList<T> list)
        {
            return list;
        }

        var array = new List<T>(items).ToArray();
        foreach (var item in array)
        {
            if (item is null)
            {
                throw new ArgumentException($"A list of {typeof(T).Name} holds a null item.", paramName);
            }
        }

        return Own(array);
    }

    public IEnumerator<T> GetEnumerator()
    {
        for (int i = 0; i < _count; i++)
        {
            yield return _items[_start + i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public int IndexOf(T item)
    {
        int index = Array.IndexOf(_items, item, _start, _count);
        return index < 0 ? -1 : index - _start;
    }

    public bool Contains(T item) => IndexOf(item) >= 0;

    public void CopyTo(T[] array, int arrayIndex) => Array.Copy(_items, _start, array, arrayIndex, _count);

    void ICollection.CopyTo(Array array, int index) => Array.Copy(_items, _start, array, index, _count);

    bool IList.Contains(object? value) => value is T item && Contains(item);

    int IList.IndexOf(object? value) => value is T item ? IndexOf(item) : -1;

    int IList.Add(object? value) => throw ReadOnly();

    void IList.Insert(int index, object? value) => throw ReadOnly();

    void IList.Remove(object? value) => throw ReadOnly();

    void IList.RemoveAt(int index) => throw ReadOnly();

    void IList.Clear() => throw ReadOnly();

    void IList<T>.Insert(int index, T item) => throw ReadOnly();

    void IList<T>.RemoveAt(int index) => throw ReadOnly();

    void ICollection<T>.Add(T item) => throw ReadOnly();

    void ICollection<T>.Clear() => throw ReadOnly();

    bool ICollection<T>.Remove(T item) => throw ReadOnly();

    public bool Equals(ItemList<T>? other)
    {
        if (other is null || other._count != _count)
        {
            return false;
        }

        if (ReferenceEquals(this, other))
        {
            return true;
        }

        var comparer = EqualityComparer<T>.Default;
        var mine = Items;
        var theirs = other.Items;
        for (int i = 0; i < mine.Length; i++)
        {
            if (!comparer.Equals(mine[i], theirs[i]))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as ItemList<T>);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(_count);
        foreach (var item in Items)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    /// <summary>How many items, such as <c>3 items</c>: a model's summary, never the type name of a collection.</summary>
    public override string ToString() => _count == 1 ? "1 item" : _count.ToString("N0", CultureInfo.InvariantCulture) + " items";

    private static NotSupportedException ReadOnly() => new("The collections of Mindee OCR results are read-only.");
}
