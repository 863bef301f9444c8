using System.Collections.Concurrent;

namespace Reconciler.Controller;

/// <summary>The latest status of every environment, shared by the workers and the HTTP endpoints.</summary>
internal sealed class StatusStore
{
    private readonly ConcurrentDictionary<string, EnvironmentStatus> _statuses = new(StringComparer.Ordinal);

    public bool Ready { get; set; }

    public void Set(EnvironmentStatus status) => _statuses[status.Environment] = status;

    public void Remove(string environment) => _statuses.TryRemove(environment, out _);

    public IReadOnlyList<EnvironmentStatus> All => [.. _statuses.Values.OrderBy(s => s.Environment, StringComparer.Ordinal)];

    public EnvironmentStatus? Find(string environment) => _statuses.GetValueOrDefault(environment);
}
