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

    private ItemList(T[] items) => _items = items;

    public static ItemList<T> Empty { get; } = new([]);

    public int Count => _items.Length;

    bool ICollection<T>.IsReadOnly => true;

    bool IList.IsReadOnly => true;

    bool IList.IsFixedSize => true;

    bool ICollection.IsSynchronized => false;

    object ICollection.SyncRoot => _items;

    public T this[int index] => _items[index];

    T IList<T>.this[int index]
    {
        get => _items[index];
        set => throw ReadOnly();
    }

    object? IList.this[int index]
    {
        get => _items[index];
        set => throw ReadOnly();
    }

    /// <summary>Takes ownership of an array nobody else holds (the JSON readers build them).</summary>
    public static ItemList<T> Own(T[] items) => items.Length == 0 ? Empty : new(items);

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

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    public int IndexOf(T item) => Array.IndexOf(_items, item);

    public bool Contains(T item) => IndexOf(item) >= 0;

    public void CopyTo(T[] array, int arrayIndex) => _items.CopyTo(array, arrayIndex);

    void ICollection.CopyTo(Array array, int index) => _items.CopyTo(array, index);

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
        if (other is null || other._items.Length != _items.Length)
        {
            return false;
        }

        if (ReferenceEquals(this, other))
        {
            return true;
        }

        var comparer = EqualityComparer<T>.Default;
        for (int i = 0; i < _items.Length; i++)
        {
            if (!comparer.Equals(_items[i], other._items[i]))
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
        hash.Add(_items.Length);
        foreach (var item in _items)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    /// <summary>How many items, such as <c>3 items</c>: a model's summary, never the type name of a collection.</summary>
    public override string ToString() => _items.Length == 1 ? "1 item" : _items.Length.ToString("N0", CultureInfo.InvariantCulture) + " items";

    private static NotSupportedException ReadOnly() => new("The collections of Mindee OCR results are read-only.");
}
