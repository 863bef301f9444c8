using Reconciler.Aws;
using Reconciler.Aws.Rds;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;
using Reconciler.Providers.Observation;
using Reconciler.Providers;
using K = Reconciler.Model.Kinds.DbSubnetGroupKind;

namespace Reconciler.Kinds;

/// <summary>
/// The DB subnet group of a database, named <c>&lt;env&gt;-&lt;db&gt;</c> (its AWS id is that name, which is what
/// CreateDBInstance takes). Subnets change in place.
/// </summary>
internal sealed class DbSubnetGroupProvider(IRdsApi rds, TaggedInventory inventory) : IResourceProvider
{
    /// <summary>The tags read by ListTagsForResource, by group ARN (only for groups the inventory does not list).</summary>
    private readonly DetailMemory<IReadOnlyDictionary<string, string>> _tags = new();

    public ResourceKind Kind => K.Kind;

    /// <summary>
    /// One paged DescribeDBSubnetGroups. RDS returns no tags with a subnet group and cannot filter by tag, so the tags
    /// of the groups whose name starts with "&lt;env&gt;-" of an environment asked about (the names this engine gives)
    /// come from the shared Tagging API inventory, which AWS answers for subnet groups (<c>rds</c>), else from one
    /// ListTagsForResource per group: moto_server's GetResources does not list subnet groups, so there (and for a
    /// group the eventually consistent inventory has not caught up with) it is one extra read per database, made when
    /// the observation reads the group's environment in detail (else the tags last read: see
    /// <see cref="DetailMemory{T}"/>; they are spec fields, so such tags only ever let a shared observation say
    /// "nothing to do"). What the inventory lists is always fresh.
    /// </summary>
    public async Task<IReadOnlyList<ObservedResource>> ObserveAsync(IReadOnlyCollection<string> environments, IReadOnlyCollection<DesiredResource> desired, CancellationToken ct)
    {
        var tagged = await inventory.OwnedAsync(environments, ct).ConfigureAwait(false);
        var groups = await rds.DescribeDbSubnetGroupsAsync(ct).ConfigureAwait(false);
        // A group adopted under its database's own name (awsName) lacks the environment's prefix: it is a candidate
        // when the inventory lists it as ours or the spec names it (moto_server's inventory lists no subnet groups).
        var named = desired.Select(d => d.Get(K.Name)).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        var candidates = groups.Where(g => environments.Any(e => g.Name.StartsWith(e + "-", StringComparison.Ordinal))
            || tagged.ContainsKey(g.Arn) || named.Contains(g.Name)).ToList();
        _tags.Keep(environments, candidates.Select(g => g.Arn));
        var observed = new List<ObservedResource>();
        foreach (var group in candidates)
        {
            var tags = tagged.TryGetValue(group.Arn, out var listed)
                ? listed
                : await _tags.GetAsync(group.Arn, null, () => rds.ListTagsForResourceAsync(group.Arn, ct), t => t.GetValueOrDefault(Ownership.EnvironmentTag)).ConfigureAwait(false);
            if (TaggedResources.Observed(Kind, group.Name, tags,
                [
                    (K.Name, FieldValue.Of(group.Name)),
                    (K.Subnets, FieldValue.SetOf(group.SubnetIds)),
                ],
                [("arn", group.Arn), ("vpc", group.VpcId ?? string.Empty)]) is { } resource)
            {
                observed.Add(resource);
            }
        }

        return observed;
    }

    public async Task<CreatedResource> CreateAsync(ResolvedResource desired, CancellationToken ct)
    {
        var name = desired.Get(K.Name);
        var group = await TaggedResources.CreateOrAdoptAsync(
            () => rds.CreateDbSubnetGroupAsync(new CreateDbSubnetGroupRequest(
                name,
                $"{desired.LogicalId} of environment {desired.Tags[Ownership.EnvironmentTag]}, managed by Reconciler",
                [.. desired.Set(K.Subnets)],
                desired.Tags), ct),
            // Taken: ours when its tags say so (a create retried after its answer was lost), else never touched.
            async () => (await rds.DescribeDbSubnetGroupsAsync(ct).ConfigureAwait(false)).FirstOrDefault(g => g.Name == name) is { } existing
                ? (existing, await rds.ListTagsForResourceAsync(existing.Arn, ct).ConfigureAwait(false))
                : null,
            g => g.Arn,
            desired.Tags,
            $"the DB subnet group name {name}",
            "DBSubnetGroupAlreadyExists").ConfigureAwait(false);
        return new CreatedResource(group.Name, System.Collections.Immutable.ImmutableSortedDictionary<string, string>.Empty.Add("arn", group.Arn));
    }

    public async Task UpdateAsync(ResolvedResource desired, ObservedResource actual, IReadOnlyList<FieldChange> changes, CancellationToken ct)
    {
        _tags.Forget(actual.Attributes["arn"]);
        if (changes.Any(c => c.Path == K.Subnets))
        {
            await rds.ModifyDbSubnetGroupAsync(actual.AwsId, [.. desired.Set(K.Subnets)], ct).ConfigureAwait(false);
        }

        var tags = TaggedResources.ChangedTags(desired.Tags, changes);
        if (tags.Count > 0)
        {
            await rds.AddTagsToResourceAsync(actual.Attributes["arn"], tags, ct).ConfigureAwait(false);
        }
    }

    public async Task DeleteAsync(ObservedResource actual, CancellationToken ct)
    {
        try
        {
            await rds.DeleteDbSubnetGroupAsync(actual.AwsId, ct).ConfigureAwait(false);
        }
        catch (AwsCallException ex) when (ex.Error.Code == "DBSubnetGroupNotFoundFault")
        {
        }
        catch (AwsCallException ex) when (ex.Error.Code == "InvalidDBSubnetGroupStateFault")
        {
            // A DB instance still uses it, typically one whose deletion has not finished: not a failure, come back later.
            throw new NotReadyException($"DB subnet group {actual.AwsId} is still used by a DB instance", TimeSpan.FromSeconds(30));
        }
    }
}
