using System.Collections.Concurrent;
using Reconciler.Controller;

namespace Reconciler.Web;

/// <summary>
/// The dashboard's memory, fed by the controller with every pass's result: per environment, the plan (and apply) of
/// the last pass that planned, from which its resources' states are made when a page asks, and a bounded history (the last <paramref name="maxPasses"/> passes and
/// <paramref name="maxDrift"/> drift events). It lives in memory only: a restart starts it afresh, as the status does.
/// <see cref="Version"/> changes with every record, so a page can be told to refresh.
/// </summary>
internal sealed class DashboardHistory(TimeProvider time, int maxPasses = 50, int maxDrift = 100)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _version;

    /// <summary>Grows with every change to what the pages show.</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>Records one pass; <paramref name="next"/>: when the environment is looked at again (null: on its backoff, or never).</summary>
    public void Record(string environment, ReconcileResult result, TimeSpan? next)
    {
        var now = time.GetUtcNow();
        var entry = _entries.GetOrAdd(environment, _ => new Entry());
        lock (entry)
        {
            if (result.Plan is { } plan)
            {
                entry.Plan = plan;
                entry.Applied = result.Applied;
                entry.WaitingFor = result.Status?.WaitingFor;
                entry.ObservedAt = now;
            }

            entry.NextPassAt = next is { } after ? now + after : null;
            var status = result.Status;
            entry.Passes.Insert(0, new PassEntry(now, status?.Result ?? result.State ?? result.Outcome.ToString().ToLowerInvariant(), result.Duration.TotalSeconds,
                result.Drift.Count, status?.Repaired ?? 0, status?.Failed ?? 0, result.Error));
            Trim(entry.Passes, maxPasses);
            entry.Drift.InsertRange(0, result.Drift.Select(d => new DriftEvent(now, d)));
            Trim(entry.Drift, maxDrift);
        }

        Changed();
    }

    /// <summary>An environment that left the controller (pruned, or its lease went to another replica).</summary>
    public void Forget(string environment)
    {
        _entries.TryRemove(environment, out _);
        Changed();
    }

    /// <summary>Something else the pages show changed (a status set outside a pass).</summary>
    public void Changed() => Interlocked.Increment(ref _version);

    public EnvironmentHistory? Find(string environment)
    {
        if (!_entries.TryGetValue(environment, out var entry))
        {
            return null;
        }

        lock (entry)
        {
            // The nodes are made when a page asks (issue 14): kept for every environment, with a field view per
            // property and tag of every resource, they were the larger part of what the controller retained.
            var nodes = entry.Plan is { } plan ? NodeStates.Of(plan, entry.Applied, entry.WaitingFor) : [];
            return new EnvironmentHistory(environment, nodes, entry.Plan, entry.ObservedAt, entry.NextPassAt, [.. entry.Passes], [.. entry.Drift]);
        }
    }

    /// <summary>When the environment is looked at again (the index lists it for every environment; null: unknown).</summary>
    public DateTimeOffset? NextPassAt(string environment)
    {
        if (!_entries.TryGetValue(environment, out var entry))
        {
            return null;
        }

        lock (entry)
        {
            return entry.NextPassAt;
        }
    }

    private static void Trim<T>(List<T> items, int max)
    {
        if (items.Count > max)
        {
            items.RemoveRange(max, items.Count - max);
        }
    }

    private sealed class Entry
    {
        public Model.Planning.Plan? Plan { get; set; }

        public Engine.ApplyResult? Applied { get; set; }

        public IReadOnlyList<string>? WaitingFor { get; set; }

        public DateTimeOffset? ObservedAt { get; set; }

        public DateTimeOffset? NextPassAt { get; set; }

        public List<PassEntry> Passes { get; } = [];

        public List<DriftEvent> Drift { get; } = [];
    }
}
