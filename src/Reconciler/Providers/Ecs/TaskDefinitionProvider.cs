using Reconciler.Aws;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;

namespace Reconciler.Providers.Ecs;

/// <summary>
/// Task definitions. A revision is immutable: any change of a controlled field registers ONE new revision (the API is
/// throttled at about 1 per second, so never more than one call per change); tags alone change on the current revision.
/// The AWS id is the revision ARN. Older revisions stay ACTIVE (a deployment circuit breaker rolls back to them).
/// <para>
/// Observation: ECS cannot list task definitions by tag, and describing every family in the account would cost one read
/// per family of everyone. Family names are <c>&lt;environment&gt;-&lt;family&gt;</c>, so per environment one paged
/// ListTaskDefinitionFamilies(familyPrefix, ACTIVE) finds ours, including families whose spec entry is gone (prune), and
/// one DescribeTaskDefinition(include TAGS) per family reads its latest ACTIVE revision and proves ownership by tag.
/// That is one read per task definition we own, plus one list per environment: the cheapest correct approach.
/// </para>
/// </summary>
internal sealed class TaskDefinitionProvider(EcsSupport ecs, string region) : IResourceProvider
{
    public ResourceKind Kind => ResourceKinds.TaskDefinition;

    public async Task<IReadOnlyList<ObservedResource>> ObserveAsync(IReadOnlyCollection<string> environments, IReadOnlyCollection<DesiredResource> desired, CancellationToken ct)
    {
        var families = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var environment in environments)
        {
            families.UnionWith(await ecs.Api.ListTaskDefinitionFamiliesAsync(environment + "-", ct).ConfigureAwait(false));
        }

        var observed = new List<ObservedResource>();
        foreach (var family in families)
        {
            var answer = await Latest(family, ct).ConfigureAwait(false);
            var tags = Aws.Ecs.EcsTag.ToMap(answer?.Tags);
            // moto lists families whose revisions are all INACTIVE and describes their last revision: not live.
            if (answer is null || answer.TaskDefinition.Status != "ACTIVE" || !TaggedResources.OwnedBy(tags, environments))
            {
                continue;
            }

            var td = answer.TaskDefinition;
            if (TaggedResources.Observed(Kind, td.TaskDefinitionArn, tags, TaskDefinitionMapper.Properties(td),
                    [("arn", td.TaskDefinitionArn), ("revision", td.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture))]) is { } resource)
            {
                observed.Add(resource);
            }
        }

        return observed;
    }

    public async Task<CreatedResource> CreateAsync(ResolvedResource desired, CancellationToken ct)
    {
        var answer = await ecs.Api.RegisterTaskDefinitionAsync(TaskDefinitionMapper.Request(desired, region), ct).ConfigureAwait(false);
        var arn = answer.TaskDefinition.TaskDefinitionArn;
        return new CreatedResource(arn, TaggedResources.Attributes(("arn", arn)));
    }

    /// <summary>
    /// A changed field registers the new revision; the service that refers to this task definition sees the new ARN on
    /// the next observation and is updated then (UpdateAsync cannot hand a new id to the executor).
    /// </summary>
    public async Task UpdateAsync(ResolvedResource desired, ObservedResource actual, IReadOnlyList<FieldChange> changes, CancellationToken ct)
    {
        if (changes.Any(c => !c.Path.StartsWith("tags.", StringComparison.Ordinal)))
        {
            // The registration carries every desired tag, so no tag call is needed after it.
            await ecs.Api.RegisterTaskDefinitionAsync(TaskDefinitionMapper.Request(desired, region), ct).ConfigureAwait(false);
            return;
        }

        await ecs.UpdateTags(actual.AwsId, desired.Tags, changes, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Deregisters every ACTIVE revision of the family. The family name carries the environment and its latest revision
    /// carries our ownership tags, so its older revisions are ours too (they were registered by this controller).
    /// </summary>
    public async Task DeleteAsync(ObservedResource actual, CancellationToken ct)
    {
        var family = actual.Get("family") ?? throw new InvalidOperationException($"{actual.LogicalId} has no family");
        var revisions = await ecs.Api.ListTaskDefinitionsAsync(family, ct).ConfigureAwait(false);
        foreach (var revision in revisions.Append(actual.AwsId).Distinct(StringComparer.Ordinal))
        {
            await TaggedResources.DeleteAsync(() => ecs.Api.DeregisterTaskDefinitionAsync(revision, ct), "ClientException").ConfigureAwait(false);
        }
    }

    /// <summary>The latest ACTIVE revision, or null when the family has none left (ECS answers ClientException).</summary>
    private async Task<Aws.Ecs.TaskDefinitionAnswer?> Latest(string family, CancellationToken ct)
    {
        try
        {
            return await ecs.Api.DescribeTaskDefinitionAsync(family, ct).ConfigureAwait(false);
        }
        catch (AwsCallException ex) when (ex.Error.Code == "ClientException")
        {
            return null;
        }
    }
}
