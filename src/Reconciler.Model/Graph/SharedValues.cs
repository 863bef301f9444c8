using Reconciler.Model.Text;

namespace Reconciler.Model.Graph;

/// <summary>
/// Equal desired values share one instance (issue 14, fourth round): a value that holds only references (the subnets
/// of a route table, <c>[${subnet/public-a}, ${subnet/public-c}]</c>; a rule naming <c>${security-group/web}</c>) or
/// only constants is the same in every environment, and a catalog of 1,000 environments kept 1,000 copies of each,
/// with a set node per item. Values are immutable records, so sharing changes nothing but the bytes. Lossy and bounded
/// as <see cref="SortedMapKeys"/>: a slot per hash, a value of another content in that slot is replaced; lock-free.
/// </summary>
internal static class SharedValues
{
    private const int Slots = 1 << 12;

    private static readonly LossySlots<FieldValue> Cache = new(Slots);

    /// <summary>A value equal to <paramref name="value"/> and shown the same: a cached one, else this one, now cached.</summary>
    public static FieldValue Share(FieldValue value)
    {
        if (value is ScalarValue)
        {
            // Scalars are shared by FieldValue.Of already.
            return value;
        }

        return Cache.Share(value, Hash(value), Same);
    }

    /// <summary>
    /// Equal and shown the same: a set of items compares by its items' order too (its comparer may call two different
    /// items equal); string sets (ordinal) and single items compare all they show.
    /// </summary>
    public static bool Same(FieldValue a, FieldValue b) => ReferenceEquals(a, b) || (a, b) switch
    {
        // Ordinal sorted sets: the same items in the same order is set equality; walked without allocating.
        (SetValue x, SetValue y) => SharedSets.SameItems(x.Items, y.Items, StringComparer.Ordinal),
        (ItemSetValue x, ItemSetValue y) => SharedSets.SameItems(x.Items, y.Items),
        (SetValue or ItemSetValue, _) or (_, SetValue or ItemSetValue) => false,
        _ => a.GetType() == b.GetType() && a.Equals(b),
    };

    /// <summary>A hash of the content (the sets' by their struct enumerators: the records' own hashes box one).</summary>
    private static int Hash(FieldValue value)
    {
        var hash = default(HashCode);
        switch (value)
        {
            case SetValue set:
                foreach (var item in set.Items)
                {
                    hash.Add(item, StringComparer.Ordinal);
                }

                return hash.ToHashCode();
            case ItemSetValue items:
                foreach (var item in items.Items)
                {
                    hash.Add(item);
                }

                return hash.ToHashCode();
            default:
                return value.GetHashCode();
        }
    }
}
