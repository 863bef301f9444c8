using Reconciler.Aws.Elbv2;
using Reconciler.Model.Planning;

namespace Reconciler.Providers.Elbv2;

/// <summary>
/// What the ELBv2 providers share. ELBv2 cannot filter a Describe by tag, so observation is one paged Describe for the
/// account plus DescribeTags, which takes at most 20 ARNs per call: one tag read per 20 resources is the API's design.
/// </summary>
internal sealed class Elbv2Support(IElasticLoadBalancingV2Api api)
{
    public IElasticLoadBalancingV2Api Api => api;

    /// <summary>The items owned by <paramref name="environments"/>, each with its tags.</summary>
    public async Task<List<(T Item, IReadOnlyDictionary<string, string> Tags)>> Owned<T>(IReadOnlyList<T> items, Func<T, string> arn, IReadOnlyCollection<string> environments, CancellationToken ct)
    {
        if (items.Count == 0)
        {
            return [];
        }

        var tags = await api.DescribeTagsAsync(items.Select(arn).ToList(), ct).ConfigureAwait(false);
        return items
            .Select(i => (Item: i, Tags: tags.GetValueOrDefault(arn(i)) ?? new Dictionary<string, string>()))
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
        }, desiredTags, what, takenCode);

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
