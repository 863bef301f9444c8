using Reconciler.Aws;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;
using Reconciler.Providers;

namespace Reconciler.Tests.Integration;

/// <summary>
/// Drives one provider as the executor would, without the kinds this branch does not manage: references resolve from
/// <see cref="Ids"/> (AWS ids by logical id, attributes by <c>logicalId#attribute</c>) that the test fills in.
/// </summary>
internal sealed class ProviderRun(AwsCallMetrics metrics, string environment)
{
    public Dictionary<string, string> Ids { get; } = new(StringComparer.Ordinal);

    public string Environment => environment;

    public string? Resolve(string key) => Ids.GetValueOrDefault(key);

    public ResolvedResource Resolved(DesiredResource desired) => new(desired, Planner.ResolveAll(desired, Resolve));

    public async Task<CreatedResource> Create(IResourceProvider provider, DesiredResource desired)
    {
        var created = await provider.CreateAsync(Resolved(desired), CancellationToken.None);
        Ids[desired.LogicalId] = created.AwsId;
        foreach (var (key, value) in created.Attributes)
        {
            Ids[$"{desired.LogicalId}#{key}"] = value;
        }

        return created;
    }

    /// <summary>The one observed resource of this environment with that logical id (and both ownership tags).</summary>
    public async Task<ObservedResource> Observe(IResourceProvider provider, DesiredResource desired)
    {
        var all = await provider.ObserveAsync([environment], [desired], CancellationToken.None);
        var mine = Assert.Single(all, r => r.LogicalId == desired.LogicalId);
        Assert.Equal(environment, mine.Environment);
        Assert.Equal(environment, mine.Tags[Ownership.EnvironmentTag]);
        Assert.Equal(desired.LogicalId, mine.Tags[Ownership.LogicalIdTag]);
        return mine;
    }

    public IReadOnlyList<FieldChange> Diff(DesiredResource desired, ObservedResource actual) => Planner.Diff(desired, actual, Resolve);

    /// <summary>Runs <paramref name="action"/> and returns the mutating calls it made, by operation.</summary>
    public async Task<List<string>> MutatingCalls(Func<Task> action)
    {
        var before = metrics.Snapshot();
        await action();
        return metrics.Snapshot()
            .Where(kv => AwsCallMetrics.IsMutating(kv.Key.Operation) && kv.Value > before.GetValueOrDefault(kv.Key))
            .SelectMany(kv => Enumerable.Repeat(kv.Key.Operation, (int)(kv.Value - before.GetValueOrDefault(kv.Key))))
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
