using System.Collections.Immutable;
using Reconciler.Model.Text;

namespace Reconciler.Model.Graph;

/// <summary>
/// Equal immutable sets of strings share one instance (issue 14, fourth round): a resource's <c>DependsOn</c> holds
/// logical ids, which are the same in every environment, so the subnet of one environment depends on the same set as
/// the subnet of every other; a catalog of 1,000 environments kept 1,000 copies of each, at 48 bytes a node and a
/// string per id. Lossy and bounded as <see cref="SortedMapKeys"/>: a slot per hash of the content, a set of another
/// content in that slot is replaced, so it never grows; lock-free (a race only loses a chance to share).
/// </summary>
internal static class SharedSets
{
    private const int Slots = 1 << 12;

    /// <summary>Larger sets are rare (and not worth the comparison): kept as they are.</summary>
    private const int MaxItems = 64;

    private static readonly ImmutableSortedSet<string> EmptyOrdinal = ImmutableSortedSet.Create<string>(StringComparer.Ordinal);

    private static readonly LossySlots<ImmutableSortedSet<string>> Cache = new(Slots);

    /// <summary>A set equal to <paramref name="set"/> (same items, ordinal order): a cached one, else this one, now cached.</summary>
    public static ImmutableSortedSet<string> Share(ImmutableSortedSet<string> set)
    {
        if (set.KeyComparer != StringComparer.Ordinal || set.Count > MaxItems)
        {
            return set;
        }

        if (set.Count == 0)
        {
            return EmptyOrdinal;
        }

        var hash = default(HashCode);
        foreach (var item in set)
        {
            hash.Add(item, StringComparer.Ordinal);
        }

        return Cache.Share(set, hash.ToHashCode(), static (cached, s) => SameItems(cached, s));
    }

    /// <summary>The same items in the same order (both ordinal): by their struct enumerators, which allocate nothing.</summary>
    internal static bool SameItems<T>(ImmutableSortedSet<T> a, ImmutableSortedSet<T> b, IEqualityComparer<T>? comparer = null)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        comparer ??= EqualityComparer<T>.Default;
        using var x = a.GetEnumerator();
        using var y = b.GetEnumerator();
        while (x.MoveNext() && y.MoveNext())
        {
            if (!comparer.Equals(x.Current, y.Current))
            {
                return false;
            }
        }

        return true;
    }
}
