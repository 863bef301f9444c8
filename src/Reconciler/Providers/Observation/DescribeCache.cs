using System.Collections.Concurrent;

namespace Reconciler.Providers.Observation;

/// <summary>
/// An informer-style cache of descriptions that cannot change while their <c>version</c> stays the same (a task
/// definition revision never changes; an ISSUED certificate changes only with its status), held by a provider for the
/// life of the process, per region. Bounded: <see cref="Keep"/> drops what the latest listing no longer shows. Only
/// for content no one can change in place: a field that can drift is never read from here.
/// </summary>
internal sealed class DescribeCache<T>
    where T : class
{
    private readonly ConcurrentDictionary<string, (string Version, T Value)> _entries = new(StringComparer.Ordinal);

    public int Count => _entries.Count;

    /// <summary>The cached description of <paramref name="key"/> at <paramref name="version"/>, else <paramref name="load"/>'s, kept if <paramref name="cacheable"/> says so.</summary>
    public async Task<T> GetAsync(string key, string version, Func<Task<T>> load, Func<T, bool>? cacheable = null)
    {
        if (_entries.TryGetValue(key, out var entry) && entry.Version == version)
        {
            return entry.Value;
        }

        var value = await load().ConfigureAwait(false);
        if (cacheable is null || cacheable(value))
        {
            _entries[key] = (version, value);
        }
        else
        {
            _entries.TryRemove(key, out _);
        }

        return value;
    }

    /// <summary>Whether a description of <paramref name="key"/> is held (at any version).</summary>
    public bool Contains(string key) => _entries.ContainsKey(key);

    /// <summary>Holds <paramref name="value"/>, just read, as the description of <paramref name="key"/> at <paramref name="version"/>.</summary>
    public void Put(string key, string version, T value) => _entries[key] = (version, value);

    /// <summary>Drops the description of <paramref name="key"/>.</summary>
    public void Forget(string key) => _entries.TryRemove(key, out _);

    /// <summary>Drops every entry whose key is not in <paramref name="seen"/> (the latest listing).</summary>
    public void Keep(IEnumerable<string> seen)
    {
        var keep = seen.ToHashSet(StringComparer.Ordinal);
        foreach (var key in _entries.Keys.Where(k => !keep.Contains(k)))
        {
            _entries.TryRemove(key, out _);
        }
    }
}
