using Reconciler.Aws.Ecs;
using Reconciler.Model.Planning;

namespace Reconciler.Providers.Ecs;

/// <summary>What the ECS providers share: the owned clusters, and tag updates.</summary>
internal sealed class EcsSupport(IEcsApi api)
{
    public IEcsApi Api => api;

    /// <summary>
    /// The ACTIVE clusters owned by <paramref name="environments"/>, with their tags: ListClusters cannot filter by tag,
    /// so one paged list plus DescribeClusters (include TAGS) in batches of 100. Deleted clusters stay listed as INACTIVE.
    /// </summary>
    public async Task<List<(EcsCluster Cluster, IReadOnlyDictionary<string, string> Tags)>> OwnedClusters(IReadOnlyCollection<string> environments, CancellationToken ct)
    {
        var arns = await api.ListClustersAsync(ct).ConfigureAwait(false);
        if (arns.Count == 0)
        {
            return [];
        }

        var clusters = await api.DescribeClustersAsync(arns, ct).ConfigureAwait(false);
        return clusters
            .Where(c => c.Status == "ACTIVE")
            .Select(c => (Cluster: c, Tags: (IReadOnlyDictionary<string, string>)EcsTag.ToMap(c.Tags)))
            .Where(x => TaggedResources.OwnedBy(x.Tags, environments))
            .ToList();
    }

    /// <summary>Adds or changes the tags the spec sets; never removes tags others set.</summary>
    public async Task UpdateTags(string arn, IReadOnlyDictionary<string, string> desired, IReadOnlyList<FieldChange> changes, CancellationToken ct)
    {
        var tags = TaggedResources.ChangedTags(desired, changes);
        if (tags.Count > 0)
        {
            await api.TagResourceAsync(arn, tags, ct).ConfigureAwait(false);
        }
    }
}
