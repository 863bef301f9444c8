using Reconciler.Aws.Ecs;
using Reconciler.Model.Planning;
using Reconciler.Providers.Observation;

namespace Reconciler.Providers.Ecs;

/// <summary>
/// What the ECS providers share: the owned clusters, and tag updates. ECS lists nothing by tag, so what we own comes
/// from the shared Tagging API inventory (<see cref="TaggedInventory"/>): no ListClusters of the account, no
/// ListServices per cluster, no ListTaskDefinitionFamilies per environment.
/// </summary>
internal sealed class EcsSupport(IEcsApi api, TaggedInventory inventory)
{
    public IEcsApi Api => api;

    public TaggedInventory Inventory => inventory;

    /// <summary>The clusters this process created, by ARN, until the Tagging API inventory lists them.</summary>
    public UnlistedCreations Created { get; } = new();

    /// <summary>
    /// The ACTIVE clusters owned by <paramref name="environments"/>, with their tags: the inventory's cluster ARNs,
    /// described (include TAGS, fresh) 100 per call, once per observation for the cluster and service kinds. Deleted
    /// clusters stay as INACTIVE and are dropped. The clusters this process created are described too until the
    /// eventually consistent inventory lists them (<see cref="Created"/>); one created elsewhere and not listed yet is
    /// planned as a create, which ECS answers with the existing cluster of that name (CreateCluster is idempotent).
    /// </summary>
    public Task<List<(EcsCluster Cluster, IReadOnlyDictionary<string, string> Tags)>> OwnedClusters(IReadOnlyCollection<string> environments, CancellationToken ct) =>
        ObservationScope.SharedAsync(this, "clusters", async () =>
        {
            var listed = (await inventory.OwnedAsync(environments, ct).ConfigureAwait(false)).Keys.Where(a => ArnType(a) == "cluster").ToList();
            var unlisted = Created.Unlisted(environments, listed);
            var arns = listed.Concat(unlisted).ToList();
            if (arns.Count == 0)
            {
                return new List<(EcsCluster, IReadOnlyDictionary<string, string>)>();
            }

            var clusters = await api.DescribeClustersAsync(arns, ct).ConfigureAwait(false);
            foreach (var gone in unlisted.Except(clusters.Where(c => c.Status == "ACTIVE").Select(c => c.ClusterArn), StringComparer.Ordinal))
            {
                Created.Forget(gone);
            }

            return clusters
                .Where(c => c.Status == "ACTIVE")
                .Select(c => (Cluster: c, Tags: (IReadOnlyDictionary<string, string>)EcsTag.ToMap(c.Tags)))
                .Where(x => TaggedResources.OwnedBy(x.Tags, environments))
                .ToList();
        });

    /// <summary>The resource type of an ECS ARN (<c>arn:aws:ecs:region:account:TYPE/...</c>): cluster, service, task-definition.</summary>
    public static string ArnType(string arn)
    {
        var resource = arn.Split(':', 6) is { Length: 6 } parts ? parts[5] : string.Empty;
        var slash = resource.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? string.Empty : resource[..slash];
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
