using System.Collections.Concurrent;

namespace Reconciler.Tests.Behaviours;

/// <summary>When something happened to a resource (created, deleted, modified), by key, for the rules' time windows.</summary>
internal sealed class TimeMarks
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _marks = new(StringComparer.Ordinal);

    public void Mark(string key, DateTimeOffset now) => _marks[key] = now;

    /// <summary>Marks only the first time (e.g. first seen).</summary>
    public void MarkFirst(string key, DateTimeOffset now) => _marks.TryAdd(key, now);

    public DateTimeOffset? At(string key) => _marks.TryGetValue(key, out var at) ? at : null;

    /// <summary>True while less than <paramref name="window"/> has passed since <paramref name="key"/> was marked.</summary>
    public bool Within(string key, DateTimeOffset now, TimeSpan window) => At(key) is { } at && now - at < window;

    public bool Contains(string key) => _marks.ContainsKey(key);
}
