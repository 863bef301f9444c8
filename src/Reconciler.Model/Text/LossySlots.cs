namespace Reconciler.Model.Text;

/// <summary>
/// The one mechanism behind the model's shared instances (<see cref="SharedInstances{T}"/>, <c>SortedMapKeys</c>,
/// <c>SharedSets</c>, <c>SharedValues</c>): a fixed array of slots, one per hash, where an instance of other content in
/// a slot is replaced. So it never grows, whatever specs hold, and a value that repeats tends to stay. Lock-free: a
/// slot is one reference, and a race only loses a chance to share.
/// </summary>
internal sealed class LossySlots<T>(int slots)
    where T : class
{
    private readonly T?[] _slots = new T?[slots];

    /// <summary>The instance in <paramref name="hash"/>'s slot when <paramref name="matches"/> says it is <paramref name="arg"/>'s, else null.</summary>
    public T? Find<TArg>(int hash, TArg arg, Func<T, TArg, bool> matches)
    {
        var cached = Volatile.Read(ref _slots[Slot(hash)]);
        return cached is not null && matches(cached, arg) ? cached : null;
    }

    /// <summary>Puts <paramref name="value"/> in <paramref name="hash"/>'s slot and returns it.</summary>
    public T Keep(int hash, T value)
    {
        Volatile.Write(ref _slots[Slot(hash)], value);
        return value;
    }

    /// <summary>An instance equal to <paramref name="value"/> by <paramref name="same"/>: the cached one, else this one, now cached.</summary>
    public T Share(T value, int hash, Func<T, T, bool> same) => Find(hash, value, same) ?? Keep(hash, value);

    private int Slot(int hash) => (int)((uint)hash % (uint)_slots.Length);
}
