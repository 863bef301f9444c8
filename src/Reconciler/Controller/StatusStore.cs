using System.Collections.Concurrent;

namespace Reconciler.Controller;

/// <summary>
/// The latest status of every environment, shared by the workers and the HTTP endpoints. What changes between passes
/// is added when a status is read: the time left of a pending tombstone, and the guards holding the environment's
/// source, taken from <paramref name="catalog"/> (which keeps them; without one, as in tests that need none, none).
/// </summary>
internal sealed class StatusStore(TimeProvider? time = null, SpecCatalog? catalog = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ConcurrentDictionary<string, EnvironmentStatus> _statuses = new(StringComparer.Ordinal);

    public bool Ready { get; set; }

    public void Set(EnvironmentStatus status) => _statuses[status.Environment] = status;

    public void Remove(string environment) => _statuses.TryRemove(environment, out _);

    public IReadOnlyList<EnvironmentStatus> All => [.. _statuses.Values.OrderBy(s => s.Environment, StringComparer.Ordinal).Select(Current)];

    public EnvironmentStatus? Find(string environment) => _statuses.GetValueOrDefault(environment) is { } status ? Current(status) : null;

    private EnvironmentStatus Current(EnvironmentStatus status)
    {
        var holds = catalog?.GuardsOf(status.Location) ?? [];
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
