using System.Collections.Concurrent;
using System.Collections.Immutable;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;
using Reconciler.Providers;

namespace Reconciler.Tests.Engine;

/// <summary>
/// A provider of our own interface (not a fake of AWS) whose resources take time, on the given clock, to become ready
/// after a create and to be gone after a delete, and who reports that through <see cref="Readiness"/> as the real
/// providers do: a delete is issued and returns NotReady; a second delete of a deleting resource issues nothing.
/// Every call is written to a shared <see cref="Journal"/>, so tests can assert the order of deletions across kinds.
/// </summary>
internal sealed class LifecycleProvider(ResourceKind kind, TimeProvider time, List<string> journal, TimeSpan? deletionTakes = null, TimeSpan? creationTakes = null)
    : IResourceProvider
{
    private readonly ConcurrentDictionary<string, Entry> _live = new(StringComparer.Ordinal);
    private int _creates;
    private int _observes;

    public static readonly TimeSpan Requeue = TimeSpan.FromSeconds(10);

    public ResourceKind Kind => kind;

    public List<string> Journal => journal;

    /// <summary>Calls that reached "AWS": deletes issued (not the looks at a deletion already running).</summary>
    public int DeletesIssued { get; private set; }

    public int Creates => _creates;

    /// <summary>How many observations read this provider.</summary>
    public int Observes => _observes;

    /// <summary>A live resource of environment "demo"; <paramref name="properties"/> name what it holds (other resources' ids).</summary>
    public void Seed(string name, string awsId, params (string Key, string Value)[] properties) =>
        _live[$"{kind.Name}/{name}"] = new Entry(Observed($"{kind.Name}/{name}", awsId, properties.Select(p => (p.Key, FieldValue.Of(p.Value)))), null, null);

    public bool Exists(string logicalId)
    {
        Forget();
        return _live.ContainsKey(logicalId);
    }

    public Task<IReadOnlyList<ObservedResource>> ObserveAsync(IReadOnlyCollection<string> environments, IReadOnlyCollection<DesiredResource> desired, CancellationToken ct)
    {
        Interlocked.Increment(ref _observes);
        Forget();
        var now = time.GetUtcNow();
        return Task.FromResult<IReadOnlyList<ObservedResource>>(_live.Values.Select(e => e.Resource with
        {
            Readiness = e.DeletingSince is not null ? Deleting(e.Resource)
                : e.CreatedAt is { } at && now < at + creationTakes ? Readiness.NotReady($"{e.Resource.LogicalId} is creating", Requeue)
                : Readiness.Ready,
        }).ToList());
    }

    public Task<CreatedResource> CreateAsync(ResolvedResource desired, CancellationToken ct)
    {
        var id = $"{kind.Name}-{Interlocked.Increment(ref _creates)}";
        lock (journal)
        {
            journal.Add($"create {desired.LogicalId}");
        }

        _live[desired.LogicalId] = new Entry(Observed(desired.LogicalId, id, desired.Properties.Select(p => (p.Key, p.Value))), time.GetUtcNow(), null);
        var readiness = creationTakes is { } takes && takes > TimeSpan.Zero ? Readiness.NotReady($"{desired.LogicalId} is creating", Requeue) : Readiness.Ready;
        return Task.FromResult(new CreatedResource(id) { Readiness = readiness });
    }

    public Task UpdateAsync(ResolvedResource desired, ObservedResource actual, IReadOnlyList<FieldChange> changes, CancellationToken ct) => Task.CompletedTask;

    public Task DeleteAsync(ObservedResource actual, CancellationToken ct)
    {
        Forget();
        if (!_live.TryGetValue(actual.LogicalId, out var entry))
        {
            return Task.CompletedTask;
        }

        if (entry.DeletingSince is null)
        {
            DeletesIssued++;
            lock (journal)
            {
                journal.Add($"delete {actual.LogicalId}");
            }

            _live[actual.LogicalId] = entry with { DeletingSince = time.GetUtcNow() };
            Forget();
        }

        return _live.ContainsKey(actual.LogicalId) ? Task.FromException(new NotReadyException(Deleting(actual))) : Task.CompletedTask;
    }

    private static Readiness Deleting(ObservedResource resource) => Readiness.NotReady($"{resource.LogicalId} is deleting", Requeue);

    /// <summary>Removes what has finished deleting by now.</summary>
    private void Forget()
    {
        foreach (var (id, entry) in _live)
        {
            if (entry.DeletingSince is { } since && time.GetUtcNow() >= since + (deletionTakes ?? TimeSpan.Zero))
            {
                _live.TryRemove(id, out _);
                lock (journal)
                {
                    journal.Add($"gone {id}");
                }
            }
        }
    }

    private ObservedResource Observed(string logicalId, string awsId, IEnumerable<(string Key, FieldValue Value)> properties) =>
        TaggedResources.Observed(kind, awsId,
            ImmutableSortedDictionary<string, string>.Empty.Add(Ownership.EnvironmentTag, "demo").Add(Ownership.LogicalIdTag, logicalId),
            properties)!;

    private sealed record Entry(ObservedResource Resource, DateTimeOffset? CreatedAt, DateTimeOffset? DeletingSince);
}
