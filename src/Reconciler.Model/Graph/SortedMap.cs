using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Collections.Immutable;

namespace Reconciler.Model.Graph;

/// <summary>
/// A small immutable map from string keys (ordinal order) to values, for the properties, tags and attributes of desired
/// and observed resources: two arrays, the keys and the values at the same positions. Issue 14: an
/// <see cref="ImmutableSortedDictionary{TKey,TValue}"/> spends a 56-byte node per entry, which was most of what a
/// catalog of 1,000 environments kept; here an entry costs the one reference in its values array, and the keys array
/// is shared by every map with the same key set (<see cref="SortedMapKeys"/>: every resource of one kind has one).
/// The read API is the dictionary's (indexer, TryGetValue, ContainsKey, Count, Keys, Values, enumeration in ordinal
/// order); SetItem, Remove and Add return a new map. Two maps are equal when they hold equal entries.
/// </summary>
internal sealed class SortedMap<TValue> : IReadOnlyDictionary<string, TValue>, IEquatable<SortedMap<TValue>>
{
    private readonly string[] _keys;
    private readonly TValue[] _values;

    private SortedMap(string[] keys, TValue[] values)
    {
        _keys = keys;
        _values = values;
    }

    public static SortedMap<TValue> Empty { get; } = new([], []);

    public int Count => _keys.Length;

    public IEnumerable<string> Keys => _keys;

    public IEnumerable<TValue> Values => _values;

    /// <summary>The keys array, for tests of its sharing.</summary>
    internal IReadOnlyList<string> KeyArray => _keys;

    public TValue this[string key] => IndexOf(key) is var i and >= 0 ? _values[i] : throw new KeyNotFoundException($"The key '{key}' is not in the map.");

    /// <summary>
    /// A map of <paramref name="entries"/>, in any order. As <see cref="ImmutableSortedDictionary.CreateRange{TKey,TValue}(IComparer{TKey},IEnumerable{KeyValuePair{TKey,TValue}})"/>:
    /// a key given twice with equal values is kept once, with different values it throws.
    /// </summary>
    public static SortedMap<TValue> CreateRange(IEnumerable<KeyValuePair<string, TValue>> entries)
    {
        var list = entries as ICollection<KeyValuePair<string, TValue>> is { } collection ? new List<KeyValuePair<string, TValue>>(collection) : [.. entries];
        if (list.Count == 0)
        {
            return Empty;
        }

        list.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var keys = new List<string>(list.Count);
        var values = new List<TValue>(list.Count);
        foreach (var (key, value) in list)
        {
            ArgumentNullException.ThrowIfNull(key);
            if (keys.Count > 0 && string.Equals(keys[^1], key, StringComparison.Ordinal))
            {
                if (!EqualityComparer<TValue>.Default.Equals(values[^1], value))
                {
                    throw new ArgumentException($"An element with the same key but a different value already exists. Key: '{key}'", nameof(entries));
                }

                continue;
            }

            keys.Add(key);
            values.Add(value);
        }

        return new SortedMap<TValue>(SortedMapKeys.Share([.. keys]), [.. values]);
    }

    /// <summary>
    /// A map of <paramref name="entries"/>, in any order, a later entry of a key replacing an earlier one (as a dictionary's
    /// indexer): the graph's way, in one pass of small arrays (every resource of every graph is built so).
    /// </summary>
    public static SortedMap<TValue> LastWins(IEnumerable<(string Key, TValue Value)> entries)
    {
        var items = entries.ToArray();
        if (items.Length == 0)
        {
            return Empty;
        }

        // A stable insertion sort: the key sets are small, and equal keys keep their order, so the last one is the later.
        for (var i = 1; i < items.Length; i++)
        {
            var item = items[i];
            ArgumentNullException.ThrowIfNull(item.Key);
            var j = i - 1;
            while (j >= 0 && string.CompareOrdinal(items[j].Key, item.Key) > 0)
            {
                items[j + 1] = items[j];
                j--;
            }

            items[j + 1] = item;
        }

        var distinct = 1;
        for (var i = 1; i < items.Length; i++)
        {
            if (!string.Equals(items[i - 1].Key, items[i].Key, StringComparison.Ordinal))
            {
                distinct++;
            }
        }

        var keys = new string[distinct];
        var values = new TValue[distinct];
        var at = -1;
        for (var i = 0; i < items.Length; i++)
        {
            if (at < 0 || !string.Equals(keys[at], items[i].Key, StringComparison.Ordinal))
            {
                at++;
            }

            keys[at] = items[i].Key;
            values[at] = items[i].Value;
        }

        return new SortedMap<TValue>(SortedMapKeys.Share(keys), values);
    }

    /// <summary>The same entries: an existing dictionary's (the providers build theirs so), without a copy of each node.</summary>
    public static implicit operator SortedMap<TValue>(ImmutableSortedDictionary<string, TValue> dictionary)
    {
        ArgumentNullException.ThrowIfNull(dictionary);
        if (dictionary.KeyComparer != StringComparer.Ordinal && dictionary.KeyComparer != Comparer<string>.Default)
        {
            // The order and the lookups here are ordinal; a dictionary of another order is re-sorted by CreateRange.
            return CreateRange(dictionary);
        }

        if (dictionary.Count == 0)
        {
            return Empty;
        }

        var keys = new string[dictionary.Count];
        var values = new TValue[dictionary.Count];
        var i = 0;
        foreach (var (key, value) in dictionary)
        {
            keys[i] = key;
            values[i++] = value;
        }

        // Comparer<string>.Default is culture-sensitive: its order can differ from the ordinal one, so check.
        return IsOrdinal(keys) ? new SortedMap<TValue>(SortedMapKeys.Share(keys), values) : CreateRange(dictionary);
    }

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out TValue value)
    {
        var i = IndexOf(key);
        if (i < 0)
        {
            value = default;
            return false;
        }

        value = _values[i];
        return true;
    }

    /// <summary>A map with <paramref name="key"/> set to <paramref name="value"/>; this one when it holds that already.</summary>
    public SortedMap<TValue> SetItem(string key, TValue value)
    {
        ArgumentNullException.ThrowIfNull(key);
        var i = IndexOf(key);
        if (i >= 0)
        {
            // As the dictionary's SetItem: an equal value changes nothing.
            if (EqualityComparer<TValue>.Default.Equals(_values[i], value))
            {
                return this;
            }

            var values = (TValue[])_values.Clone();
            values[i] = value;
            return new SortedMap<TValue>(_keys, values);
        }

        return Insert(~i, key, value);
    }

    /// <summary>A map with <paramref name="key"/> added; as the dictionary's Add, an existing key with another value throws.</summary>
    public SortedMap<TValue> Add(string key, TValue value)
    {
        ArgumentNullException.ThrowIfNull(key);
        var i = IndexOf(key);
        if (i >= 0)
        {
            return EqualityComparer<TValue>.Default.Equals(_values[i], value)
                ? this
                : throw new ArgumentException($"An element with the same key but a different value already exists. Key: '{key}'", nameof(key));
        }

        return Insert(~i, key, value);
    }

    /// <summary>A map without <paramref name="key"/>; this one when it has no such key.</summary>
    public SortedMap<TValue> Remove(string key)
    {
        var i = IndexOf(key);
        if (i < 0)
        {
            return this;
        }

        if (_keys.Length == 1)
        {
            return Empty;
        }

        var keys = new string[_keys.Length - 1];
        var values = new TValue[_keys.Length - 1];
        Array.Copy(_keys, 0, keys, 0, i);
        Array.Copy(_keys, i + 1, keys, i, _keys.Length - i - 1);
        Array.Copy(_values, 0, values, 0, i);
        Array.Copy(_values, i + 1, values, i, _keys.Length - i - 1);
        return new SortedMap<TValue>(SortedMapKeys.Share(keys), values);
    }

    /// <summary>A map with every one of <paramref name="entries"/> set (later ones win).</summary>
    public SortedMap<TValue> SetItems(IEnumerable<KeyValuePair<string, TValue>> entries)
    {
        var map = this;
        foreach (var (key, value) in entries)
        {
            map = map.SetItem(key, value);
        }

        return map;
    }

    /// <summary>A map with the values <paramref name="change"/> makes; this one (no copy) when it returns every value as it was.</summary>
    public SortedMap<TValue> SelectValues(Func<string, TValue, TValue> change)
    {
        TValue[]? values = null;
        for (var i = 0; i < _values.Length; i++)
        {
            var next = change(_keys[i], _values[i]);
            if (values is null && !IsSame(next, _values[i]))
            {
                values = (TValue[])_values.Clone();
            }

            if (values is not null)
            {
                values[i] = next;
            }
        }

        return values is null ? this : new SortedMap<TValue>(_keys, values);
    }

    public IEnumerator<KeyValuePair<string, TValue>> GetEnumerator()
    {
        for (var i = 0; i < _keys.Length; i++)
        {
            yield return KeyValuePair.Create(_keys[i], _values[i]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(SortedMap<TValue>? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || other._keys.Length != _keys.Length)
        {
            return false;
        }

        for (var i = 0; i < _keys.Length; i++)
        {
            if (!string.Equals(_keys[i], other._keys[i], StringComparison.Ordinal) || !EqualityComparer<TValue>.Default.Equals(_values[i], other._values[i]))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => obj is SortedMap<TValue> other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        for (var i = 0; i < _keys.Length; i++)
        {
            hash.Add(_keys[i], StringComparer.Ordinal);
            hash.Add(_values[i]);
        }

        return hash.ToHashCode();
    }

    public override string ToString() => "{" + string.Join(", ", this.Select(e => $"{e.Key}: {e.Value}")) + "}";

    private static bool IsSame(TValue a, TValue b) => typeof(TValue).IsValueType ? EqualityComparer<TValue>.Default.Equals(a, b) : ReferenceEquals(a, b);

    private static bool IsOrdinal(string[] keys)
    {
        for (var i = 1; i < keys.Length; i++)
        {
            if (string.CompareOrdinal(keys[i - 1], keys[i]) >= 0)
            {
                return false;
            }
        }

        return true;
    }

    private SortedMap<TValue> Insert(int at, string key, TValue value)
    {
        var keys = new string[_keys.Length + 1];
        var values = new TValue[_keys.Length + 1];
        Array.Copy(_keys, 0, keys, 0, at);
        Array.Copy(_values, 0, values, 0, at);
        keys[at] = key;
        values[at] = value;
        Array.Copy(_keys, at, keys, at + 1, _keys.Length - at);
        Array.Copy(_values, at, values, at + 1, _keys.Length - at);
        return new SortedMap<TValue>(SortedMapKeys.Share(keys), values);
    }

    /// <summary>The position of <paramref name="key"/>, else the complement of where it would go (as Array.BinarySearch).</summary>
    private int IndexOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        int lo = 0, hi = _keys.Length - 1;
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            var c = string.CompareOrdinal(_keys[mid], key);
            if (c == 0)
            {
                return mid;
            }

            if (c < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return ~lo;
    }
}
