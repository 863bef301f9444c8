using System.Collections.Concurrent;

namespace Reconciler.Providers.Observation;

/// <summary>
/// The values a provider last read, per AWS id, with a per-resource call that no listing replaces (a VPC's DNS
/// attributes, a bucket's settings, a cluster's services, tags the Tagging API inventory does not list), held for the
/// life of the process, per region. An observation that does not read an environment in detail
/// (<see cref="ObservationScope.Detailed"/>: the controller's rotating shared observation) reuses them instead of
/// reading; any other observation reads and remembers. With no remembered value it reads. Such a value may be up to
/// one rotation old, so it only ever lets a shared observation say "nothing to do": a plan that shows a change is
/// confirmed by a full read before anything is reported or acted on (see <c>SharedObservation</c>).
/// <para>
/// Bounded like <see cref="DescribeCache{T}"/>: <see cref="Keep"/> drops an id that the latest listing of its
/// environment no longer shows, and a rotating observation (which covers every environment of the region this process
/// reconciles) drops the ids of environments it does not observe.
/// </para>
/// </summary>
internal sealed class DetailMemory<T>
    where T : notnull
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public int Count => _entries.Count;

    /// <summary>
    /// The value of <paramref name="id"/>: the remembered one when this observation does not read its environment in
    /// detail and it was read for the same <paramref name="version"/> (what was asked, e.g. the service names of a
    /// cluster), else <paramref name="read"/>'s, remembered. <paramref name="environment"/> owns the id as the listing
    /// shows it; null when only the value tells (tags read by id), then <paramref name="environmentOf"/> says, and a
    /// value owned by no environment is not remembered.
    /// </summary>
    public async Task<T> GetAsync(string id, string? environment, Func<Task<T>> read, Func<T, string?>? environmentOf = null, string version = "")
    {
        if (_entries.TryGetValue(id, out var entry) && entry.Version == version &&
            (environment is null || entry.Environment == environment) && !ObservationScope.Detailed(entry.Environment))
        {
            return entry.Value;
        }

        var value = await read().ConfigureAwait(false);
        if ((environment ?? environmentOf?.Invoke(value)) is { } owner)
        {
            _entries[id] = new Entry(owner, version, value);
        }
        else
        {
            _entries.TryRemove(id, out _);
        }

        return value;
    }

    /// <summary>
    /// After a listing of <paramref name="environments"/>: drops their ids that it did not show (<paramref name="seen"/>),
    /// and, in a rotating observation, the ids of every environment it did not observe.
    /// </summary>
    public void Keep(IReadOnlyCollection<string> environments, IEnumerable<string> seen)
    {
        var observed = environments.ToHashSet(StringComparer.Ordinal);
        var shown = seen.ToHashSet(StringComparer.Ordinal);
        var rotating = ObservationScope.Rotating;
        foreach (var (id, entry) in _entries)
        {
            if (observed.Contains(entry.Environment) ? !shown.Contains(id) : rotating)
            {
                _entries.TryRemove(id, out _);
            }
        }
    }

    /// <summary>Forgets what was read of <paramref name="id"/> (we just changed it).</summary>
    public void Forget(string id) => _entries.TryRemove(id, out _);

    private sealed record Entry(string Environment, string Version, T Value);
}
