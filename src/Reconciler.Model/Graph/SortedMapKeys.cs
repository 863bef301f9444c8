using Reconciler.Model.Text;

namespace Reconciler.Model.Graph;

/// <summary>
/// The keys arrays of <see cref="SortedMap{TValue}"/>, shared: every resource of one kind has the same property names,
/// and every resource of one environment the same tag names, so one array serves them all instead of one per map.
/// Lossy and bounded as <see cref="Text.SharedInstances{T}"/>: a slot per hash of the key set, an array of another key
/// set in that slot is replaced, so it never grows; lock-free (a race only loses a chance to share).
/// </summary>
internal static class SortedMapKeys
{
    private const int Slots = 1 << 12;

    /// <summary>Key sets larger than this are rare (and not worth the comparison): kept as they are.</summary>
    private const int MaxKeys = 64;

    private static readonly LossySlots<string[]> Cache = new(Slots);

    /// <summary>An array equal to <paramref name="keys"/> (ordinal, same order): a cached one, else this one, now cached.</summary>
    public static string[] Share(string[] keys)
    {
        if (keys.Length == 0 || keys.Length > MaxKeys)
        {
            return keys;
        }

        var hash = default(HashCode);
        foreach (var key in keys)
        {
            hash.Add(key, StringComparer.Ordinal);
        }

        return Cache.Share(keys, hash.ToHashCode(), static (cached, k) => cached.AsSpan().SequenceEqual(k));
    }
}
