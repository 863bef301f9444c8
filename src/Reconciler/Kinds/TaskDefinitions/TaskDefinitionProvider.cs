using Reconciler.Aws;
using Reconciler.Aws.Ecs;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;
using Reconciler.Providers.Observation;
using K = Reconciler.Model.Kinds.TaskDefinitionKind;
using Reconciler.Providers;
using Reconciler.Providers.Ecs;

namespace Reconciler.Kinds;

/// <summary>
/// Task definitions. A revision is immutable: any change of a controlled field registers ONE new revision (the API is
/// throttled at about 1 per second, so never more than one call per change); tags alone change on the current revision.
/// The AWS id is the revision ARN. Older revisions stay ACTIVE (a deployment circuit breaker rolls back to them).
/// <para>
/// Observation, independent of the number of environments: the revisions we own, with their tags, come from the
/// shared Tagging API inventory; which revisions are ACTIVE from one paged ListTaskDefinitions(ACTIVE) of the region
/// (100 per page; a revision deregistered by hand drops out of it, so the family's previous ACTIVE revision is then
/// observed, as before); the latest ACTIVE revision of each family is the observed one. Its content is read with
/// DescribeTaskDefinition once per ARN for the life of the process (a revision never changes; only its status and
/// tags do, and those come fresh from the two listings). The cache keeps only the newest ACTIVE revision of each family the last listing showed.
/// </para>
/// </summary>
internal sealed class TaskDefinitionProvider(EcsSupport ecs, string region) : IResourceProvider
{
    private readonly DescribeCache<EcsTaskDefinition> _revisions = new();

    public ResourceKind Kind => K.Kind;

    public async Task<IReadOnlyList<ObservedResource>> ObserveAsync(IReadOnlyCollection<string> environments, IReadOnlyCollection<DesiredResource> desired, CancellationToken ct)
    {
        var inventory = await ecs.Inventory.OwnedAsync(environments, ct).ConfigureAwait(false);
        var ours = inventory.Where(kv => EcsSupport.ArnType(kv.Key) == "task-definition").ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        var families = ours.Keys.Select(Revision.Parse).OfType<Revision>().Select(r => r.Family)
            .Concat(desired.Select(d => d.Get(K.Family)).OfType<string>())
            .ToHashSet(StringComparer.Ordinal);
        if (families.Count == 0)
        {
            return [];
        }

        // The newest ACTIVE revision of each family of the region; the cache keeps those (whichever environments this
        // observation is for, so observing one environment does not evict another's), and ours are observed.
        var newest = (await ecs.Api.ListActiveTaskDefinitionsAsync(ct).ConfigureAwait(false))
            .Select(arn => (Arn: arn, Name: Revision.Parse(arn)))
            .Where(x => x.Name is not null)
            .GroupBy(x => x.Name!.Value.Family, StringComparer.Ordinal)
            .Select(g => g.MaxBy(x => x.Name!.Value.Number))
            .ToList();
        _revisions.Keep(newest.Select(x => x.Arn));
        var latest = newest.Where(x => families.Contains(x.Name!.Value.Family)).Select(x => x.Arn).ToList();

        var observed = new List<ObservedResource>();
        foreach (var arn in latest)
        {
            IReadOnlyDictionary<string, string> tags;
            EcsTaskDefinition td;
            if (ours.TryGetValue(arn, out var listed))
            {
                tags = listed;
                td = await _revisions.GetAsync(arn, string.Empty, async () => (await ecs.Api.DescribeTaskDefinitionAsync(arn, ct).ConfigureAwait(false)).TaskDefinition).ConfigureAwait(false);
            }
            else
            {
                // A revision the inventory does not list (yet: it lags right after a registration): its tags are read
                // with it, so ownership is proven all the same.
                var answer = await ecs.Api.DescribeTaskDefinitionAsync(arn, ct).ConfigureAwait(false);
                tags = EcsTag.ToMap(answer.Tags);
                td = answer.TaskDefinition;
                if (!TaggedResources.OwnedBy(tags, environments))
                {
                    continue;
                }
            }

            var spec = desired.FirstOrDefault(d => d.Get(K.Family) == td.Family);
            if (TaggedResources.Observed(Kind, td.TaskDefinitionArn, tags, TaskDefinitionMapper.Properties(td, spec),
                    [("arn", td.TaskDefinitionArn), ("revision", td.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture))]) is { } resource)
            {
                observed.Add(resource);
            }
        }

        return observed;
    }

    /// <summary>The family and revision number of a task definition ARN (<c>...:task-definition/FAMILY:N</c>).</summary>
    private readonly record struct Revision(string Family, int Number)
    {
        public static Revision? Parse(string arn)
        {
            var name = arn[(arn.LastIndexOf('/') + 1)..];
            var colon = name.LastIndexOf(':');
            return colon > 0 && int.TryParse(name[(colon + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
                ? new Revision(name[..colon], number)
                : null;
        }
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
        var family = actual.Get(K.Family) ?? throw new InvalidOperationException($"{actual.LogicalId} has no family");
        var revisions = await ecs.Api.ListTaskDefinitionsAsync(family, ct).ConfigureAwait(false);
        foreach (var revision in revisions.Append(actual.AwsId).Distinct(StringComparer.Ordinal))
        {
            await TaggedResources.DeleteAsync(() => ecs.Api.DeregisterTaskDefinitionAsync(revision, ct), "ClientException").ConfigureAwait(false);
        }
    }
}
