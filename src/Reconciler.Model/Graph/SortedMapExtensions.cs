namespace Reconciler.Model.Graph;

/// <summary>Building a <see cref="SortedMap{TValue}"/> from a sequence, as <c>ToImmutableSortedDictionary</c> with the ordinal comparer does.</summary>
internal static class SortedMapExtensions
{
    public static SortedMap<TValue> ToSortedMap<TValue>(this IEnumerable<KeyValuePair<string, TValue>> entries) => SortedMap<TValue>.CreateRange(entries);

    public static SortedMap<TValue> ToSortedMap<TSource, TValue>(this IEnumerable<TSource> source, Func<TSource, string> key, Func<TSource, TValue> value) =>
        SortedMap<TValue>.CreateRange(source.Select(s => KeyValuePair.Create(key(s), value(s))));
}
