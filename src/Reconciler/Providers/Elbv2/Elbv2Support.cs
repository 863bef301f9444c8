using Reconciler.Aws.Elbv2;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;
using Reconciler.Providers.Observation;

namespace Reconciler.Providers.Elbv2;

/// <summary>
/// What the ELBv2 providers share. ELBv2 cannot filter a Describe by tag: observation is one paged Describe for the
/// account (shared by the load balancer and listener kinds within an observation), with the tags from the shared
/// Tagging API inventory instead of DescribeTags per 20 ARNs of the account. DescribeTags remains only for what the
/// inventory does not list: listeners (moto_server's Tagging API does not know them), and a resource named as the
/// spec wants that the inventory has not caught up with yet (it is eventually consistent right after a create).
/// </summary>
internal sealed class Elbv2Support(IElasticLoadBalancingV2Api api, TaggedInventory inventory)
{
    public IElasticLoadBalancingV2Api Api => api;

    /// <summary>The account's load balancers, listed once per observation for the load balancer and listener kinds.</summary>
    public Task<IReadOnlyList<Elbv2LoadBalancer>> LoadBalancers(CancellationToken ct) =>
        ObservationScope.SharedAsync(this, "load-balancers", () => api.DescribeLoadBalancersAsync(ct));

    /// <summary>
    /// The items owned by <paramref name="environments"/>, each with its tags: from the inventory, and by DescribeTags
    /// for the items it does not list whose name is one of <paramref name="desired"/>'s (null <paramref name="name"/>:
    /// every item it does not list, for kinds the inventory may never list).
    /// </summary>
    public async Task<List<(T Item, IReadOnlyDictionary<string, string> Tags)>> Owned<T>(
        IReadOnlyList<T> items,
        Func<T, string> arn,
        Func<T, string>? name,
        IReadOnlyCollection<string> environments,
        IReadOnlyCollection<DesiredResource> desired,
        CancellationToken ct)
    {
        if (items.Count == 0)
        {
            return [];
        }

        var tagged = await inventory.OwnedAsync(environments, ct).ConfigureAwait(false);
        var wantedNames = desired.Select(d => d.Get("name")).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var unlisted = items
            .Where(i => !tagged.ContainsKey(arn(i)) && (name is null || wantedNames.Contains(name(i))))
            .Select(arn)
            .ToList();
        var confirmed = unlisted.Count == 0
            ? new Dictionary<string, IReadOnlyDictionary<string, string>>()
            : await api.DescribeTagsAsync(unlisted, ct).ConfigureAwait(false);
        return items
            .Select(i => (Item: i, Tags: tagged.GetValueOrDefault(arn(i)) ?? confirmed.GetValueOrDefault(arn(i)) ?? new Dictionary<string, string>()))
            .Where(x => TaggedResources.OwnedBy(x.Tags, environments))
            .ToList();
    }

    /// <summary>
    /// A create refused with <paramref name="takenCode"/> (the name or port is taken, as when a create is retried after
    /// its answer was lost): the one that holds it is adopted if its tags are this resource's, else reported.
    /// </summary>
    public Task<T> CreateOrAdopt<T>(Func<Task<T>> create, Func<CancellationToken, Task<IReadOnlyList<T>>> candidates, Func<T, bool> holds, Func<T, string> arn,
        IReadOnlyDictionary<string, string> desiredTags, string what, string takenCode, CancellationToken ct) =>
        TaggedResources.CreateOrAdoptAsync(create, async () =>
        {
            if ((await candidates(ct).ConfigureAwait(false)).FirstOrDefault(holds) is not { } existing)
            {
                return null;
            }

            var tags = await api.DescribeTagsAsync([arn(existing)], ct).ConfigureAwait(false);
            return (existing, tags.GetValueOrDefault(arn(existing)) ?? new Dictionary<string, string>());
        }, arn, desiredTags, what, takenCode);

    /// <summary>Adds or changes the tags the spec sets; never removes tags others set.</summary>
    public async Task UpdateTags(string arn, IReadOnlyDictionary<string, string> desired, IReadOnlyList<FieldChange> changes, CancellationToken ct)
    {
        var tags = TaggedResources.ChangedTags(desired, changes);
        if (tags.Count > 0)
        {
            await api.AddTagsAsync(arn, tags, ct).ConfigureAwait(false);
        }
    }
}
