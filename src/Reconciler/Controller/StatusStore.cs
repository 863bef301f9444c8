using System.Collections.Concurrent;

namespace Reconciler.Controller;

/// <summary>
/// The latest status of every environment, shared by the workers and the HTTP endpoints. What changes between passes
/// is added when a status is read: the time left of a pending tombstone, and the guard holding the environment's source.
/// </summary>
internal sealed class StatusStore(TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ConcurrentDictionary<string, EnvironmentStatus> _statuses = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _holds = new(StringComparer.Ordinal);

    public bool Ready { get; set; }

    public void Set(EnvironmentStatus status) => _statuses[status.Environment] = status;

    public void Remove(string environment) => _statuses.TryRemove(environment, out _);

    /// <summary>A source's listings are not trusted for removals (see <see cref="SpecCatalog"/>); null lifts it.</summary>
    public void SetSourceHold(string source, string? hold)
    {
        if (hold is null)
        {
            _holds.TryRemove(source, out _);
        }
        else
        {
            _holds[source] = hold;
        }
    }

    public IReadOnlyList<EnvironmentStatus> All => [.. _statuses.Values.OrderBy(s => s.Environment, StringComparer.Ordinal).Select(Current)];

    public EnvironmentStatus? Find(string environment) => _statuses.GetValueOrDefault(environment) is { } status ? Current(status) : null;

    private EnvironmentStatus Current(EnvironmentStatus status)
    {
        var holds = _holds.Where(h => status.Location.StartsWith(h.Key, StringComparison.Ordinal)).Select(h => h.Value).ToList();
        if (status.PruneAt is null && holds.Count == 0)
        {
            return status;
        }

        return status with
        {
            PruneInSeconds = status.PruneAt is { } at ? Math.Round(Math.Max(0, (at - _time.GetUtcNow()).TotalSeconds), 1) : null,
            Problems = holds.Count == 0 ? status.Problems : [.. status.Problems, .. holds],
        };
    }
}
