namespace Reconciler.Model.Text;

/// <summary>
/// A small, lossy cache of immutable instances by a string key, so that equal values made for many environments (a CIDR,
/// an instance type, a reference such as <c>${vpc/main}</c>) share one instance instead of one copy per environment
/// (issue 14: a catalog of 1,000 environments kept each of them 1,000 times). Each key has one slot, chosen by its hash;
/// an instance of another key in that slot is replaced. So the cache never grows, whatever a spec holds, and a value
/// that repeats tends to stay. Lock-free: a slot is one reference, and a race only loses a chance to share.
/// </summary>
internal sealed class SharedInstances<T>(Func<T, string> keyOf, int slots = 1 << 14)
    where T : class
{
    /// <summary>Longer keys are rarely repeated: their values are kept as they are.</summary>
    public const int MaxKeyLength = 128;

    private readonly LossySlots<T> _slots = new(slots);

    /// <summary>Made once: a lambda over <c>keyOf</c> written at the call would be a new delegate per call.</summary>
    private readonly Func<T, string, bool> _isKey = (cached, key) => string.Equals(keyOf(cached), key, StringComparison.Ordinal);

    /// <summary>The shared instance for <paramref name="key"/>: the cached one, else <paramref name="make"/>'s, now cached.</summary>
    public T Share(string key, Func<string, T> make)
    {
        if (key.Length > MaxKeyLength)
        {
            return make(key);
        }

        var hash = key.GetHashCode(StringComparison.Ordinal);
        return _slots.Find(hash, key, _isKey) ?? _slots.Keep(hash, make(key));
    }
}
