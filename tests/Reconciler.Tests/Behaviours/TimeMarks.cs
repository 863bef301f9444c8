using System.Collections.Concurrent;

namespace Reconciler.Tests.Behaviours;

/// <summary>When something happened to a resource (created, deleted, modified), by key, for the rules' time windows.</summary>
internal sealed class TimeMarks
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _marks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _looked = new(StringComparer.Ordinal);

    public void Mark(string key, DateTimeOffset now)
    {
        _marks[key] = now;
        _looked.TryRemove(key, out _);
    }

    /// <summary>Marks only the first time (e.g. first seen).</summary>
    public void MarkFirst(string key, DateTimeOffset now) => _marks.TryAdd(key, now);

    public DateTimeOffset? At(string key) => _marks.TryGetValue(key, out var at) ? at : null;

    /// <summary>True while less than <paramref name="window"/> has passed since <paramref name="key"/> was marked.</summary>
    public bool Within(string key, DateTimeOffset now, TimeSpan window) => At(key) is { } at && now - at < window;

    public bool Contains(string key) => _marks.ContainsKey(key);

    /// <summary>
    /// True while less than <paramref name="window"/> has passed since the first time this was asked for a marked
    /// <paramref name="key"/>. For states AWS keeps for minutes (a load balancer provisioning, a NAT gateway pending, a
    /// certificate in use after its listener went): at AWS's scale the product's first look always falls inside them,
    /// so the scaled-down window opens at that first look, not at the mark, and a slow machine cannot let the product
    /// slip past a behaviour it would always meet on AWS.
    /// </summary>
    public bool WithinFirstLook(string key, DateTimeOffset now, TimeSpan window) =>
        At(key) is not null && now - _looked.GetOrAdd(key, now) < window;
}
