using Reconciler.Aws.Tagging;
using Reconciler.Model.Graph;

namespace Reconciler.Providers.Observation;

/// <summary>
/// The Resource Groups Tagging API's view of what we own in a region: ONE paged GetResources per observation,
/// filtered by the ownership tag, for every resource type below, shared by all providers and all environments
/// (<see cref="ObservationScope"/>). It answers ARN and tags, which replaces the per-resource tag reads of APIs that
/// return no tags (ACM, ELBv2, S3, ECR, RDS subnet groups) and the per-environment listings of ECS.
/// <para>
/// Types: service-wide where a service's resources are told apart by ARN (<c>acm</c>, <c>ecr</c>,
/// <c>elasticloadbalancing</c>, <c>logs</c>, <c>rds</c>, <c>s3</c>), and the three ECS types by name (moto_server
/// 5.2.1 knows no service-wide <c>ecs</c>). moto_server lists certificates, ECS clusters, services and task
/// definitions, load balancers, target groups, log groups, DB instances and buckets, but not listeners, ECR
/// repositories or DB subnet groups: for those the providers keep a fallback read (see each provider), which is also
/// what covers the Tagging API's eventual consistency right after a create.
/// </para>
/// </summary>
internal sealed class TaggedInventory(IResourceGroupsTaggingApi tagging)
{
    /// <summary>The Tagging API takes at most 20 values per tag filter (and EC2 filters are kept to the same bound).</summary>
    public const int MaxFilterValues = 20;

    /// <summary>The largest page GetResources answers.</summary>
    public const int PageSize = 100;

    public static readonly IReadOnlyList<string> ResourceTypes =
        ["acm", "ecr", "ecs:cluster", "ecs:service", "ecs:task-definition", "elasticloadbalancing", "logs", "rds", "s3"];

    /// <summary>
    /// The values of the ownership tag filter: the environments' names when there are few, else none (the tag key
    /// alone: everything this reconciler owns in the region), so the request stays within the API's limit however many
    /// environments one observation serves. Callers keep only the environments asked about.
    /// </summary>
    public static IReadOnlyList<string>? FilterValues(IReadOnlyCollection<string> environments) =>
        environments.Count <= MaxFilterValues ? [.. environments.Order(StringComparer.Ordinal)] : null;

    /// <summary>The resources owned by <paramref name="environments"/>, by ARN, with their tags.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>> OwnedAsync(IReadOnlyCollection<string> environments, CancellationToken ct)
    {
        var values = FilterValues(environments);
        var all = await ObservationScope.SharedAsync(this, "inventory:" + string.Join(',', values ?? []), async () =>
        {
            var mappings = await tagging.GetResourcesAsync(
                new GetResourcesRequest([new TagFilter(Ownership.EnvironmentTag, values)], ResourceTypes, ResourcesPerPage: PageSize), ct).ConfigureAwait(false);
            var byArn = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
            foreach (var mapping in mappings)
            {
                byArn[mapping.ResourceArn] = mapping.TagPairs
                    .GroupBy(t => t.Key, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);
            }

            return byArn;
        }).ConfigureAwait(false);
        return all.Where(kv => TaggedResources.OwnedBy(kv.Value, environments)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
    }
}
