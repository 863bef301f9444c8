using System.Collections.Immutable;
using Reconciler.Aws;
using Reconciler.Aws.Ecr;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;
using Reconciler.Providers.Observation;
using Reconciler.Providers;
using K = Reconciler.Model.Kinds.EcrRepositoryKind;

namespace Reconciler.Kinds;

/// <summary>
/// ECR repositories (<c>&lt;env&gt;-&lt;name&gt;</c>): scan on push and tag mutability in place, tags at creation. The AWS id
/// is the repository name; <c>uri</c> is what task definitions refer to. A repository holding images is deleted only
/// with the spec's opt-in (<c>allowDeletionWithImages</c>), which observation carries into <see cref="AllowDeletionAttribute"/>.
/// </summary>
internal sealed class EcrRepositoryProvider(IEcrApi ecr, TaggedInventory inventory) : IResourceProvider
{
    /// <summary>Set on an observed repository whose spec entry allows deleting it together with its images.</summary>
    public const string AllowDeletionAttribute = "allowDeletionWithImages";

    /// <summary>The tags read by ListTagsForResource, by repository ARN (only for repositories the inventory does not list).</summary>
    private readonly DetailMemory<IReadOnlyList<Tag>> _tags = new();

    public ResourceKind Kind => K.Kind;

    /// <summary>
    /// One paged DescribeRepositories (scan on push and tag mutability are fields anyone may change: read each time),
    /// then the tags of the repositories whose name carries one of the environments' prefix (every repository we
    /// create is named <c>&lt;env&gt;-&lt;name&gt;</c>; the tags still decide ownership): from the shared Tagging API
    /// inventory, which AWS answers for ECR repositories, else one ListTagsForResource per repository. moto_server's
    /// GetResources does not list ECR repositories, so there (and for a repository the eventually consistent
    /// inventory has not caught up with) the per-repository read stays: one per repository of the environments, made
    /// when the observation reads the repository's environment in detail (else the tags last read: see
    /// <see cref="DetailMemory{T}"/>; they are spec fields, so such tags only ever let a shared observation say
    /// "nothing to do"). What the inventory lists is always fresh.
    /// </summary>
    public async Task<IReadOnlyList<ObservedResource>> ObserveAsync(IReadOnlyCollection<string> environments, IReadOnlyCollection<DesiredResource> desired, CancellationToken ct)
    {
        var prefixes = environments.Select(e => e + "-").ToList();
        var tagged = await inventory.OwnedAsync(environments, ct).ConfigureAwait(false);
        var repositories = await ecr.DescribeRepositoriesAsync(new DescribeRepositoriesRequest(), ct).ConfigureAwait(false);
        var result = new List<ObservedResource>();
        // A repository adopted under its own name (awsName) lacks the environment's prefix: it is a candidate when the
        // inventory lists it as ours or the spec names it (moto_server's inventory lists no repositories).
        var named = desired.Select(d => d.Get(K.Name)).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var candidates = repositories.Where(r => prefixes.Any(p => r.RepositoryName.StartsWith(p, StringComparison.Ordinal))
            || tagged.ContainsKey(r.RepositoryArn) || named.Contains(r.RepositoryName)).ToList();
        _tags.Keep(environments, candidates.Select(r => r.RepositoryArn));
        foreach (var repository in candidates)
        {
            var tags = tagged.TryGetValue(repository.RepositoryArn, out var listed)
                ? listed.Select(t => new Tag(t.Key, t.Value)).ToList()
                : await _tags.GetAsync(repository.RepositoryArn, null,
                    () => ecr.ListTagsForResourceAsync(new ListTagsForResourceRequest(repository.RepositoryArn), ct),
                    t => t.FirstOrDefault(x => x.Key == Ownership.EnvironmentTag)?.Value).ConfigureAwait(false);
            if (Observed(repository, tags, desired) is { } observed)
            {
                result.Add(observed);
            }
        }

        return result;
    }

    private ObservedResource? Observed(Repository repository, IReadOnlyList<Tag> tags, IReadOnlyCollection<DesiredResource> desired)
    {
        var pairs = tags.Select(t => KeyValuePair.Create(t.Key, t.Value ?? string.Empty)).ToList();
        var attributes = new List<(string, string)> { ("uri", repository.RepositoryUri), ("arn", repository.RepositoryArn) };
        var observed = TaggedResources.Observed(Kind, repository.RepositoryName, pairs,
        [
            (K.Name, FieldValue.Of(repository.RepositoryName)),
            (K.ScanOnPush, FieldValue.Of(repository.ImageScanningConfiguration?.ScanOnPush ?? false)),
            (K.TagMutability, FieldValue.Of(repository.ImageTagMutability ?? K.Mutable)),
        ], attributes);
        if (observed is null)
        {
            return null;
        }

        // The opt-in lives in the spec; the delete only sees the observed record, so it travels here.
        var allowed = desired.Any(d => d.LogicalId == observed.LogicalId && d.AllowReplacement &&
                                       d.Tags.GetValueOrDefault(Ownership.EnvironmentTag) == observed.Environment);
        return allowed ? observed with { Attributes = observed.Attributes.Add(AllowDeletionAttribute, "true") } : observed;
    }

    public async Task<CreatedResource> CreateAsync(ResolvedResource desired, CancellationToken ct)
    {
        var name = desired.Get(K.Name);
        try
        {
            var repository = await ecr.CreateRepositoryAsync(new CreateRepositoryRequest(
                name,
                desired.Get(K.TagMutability),
                new ImageScanningConfiguration(desired.Get(K.ScanOnPush) == "true"),
                desired.Tags.Select(t => new Tag(t.Key, t.Value)).ToList()), ct).ConfigureAwait(false);
            return Created(repository);
        }
        catch (AwsCallException ex) when (ex.Error.Code == "RepositoryAlreadyExistsException")
        {
            // Ours already (a create whose answer was lost): adopt it. Anyone else's: never touch it.
            var existing = (await ecr.DescribeRepositoriesAsync(new DescribeRepositoriesRequest([name]), ct).ConfigureAwait(false)).Single();
            var tags = (await ecr.ListTagsForResourceAsync(new ListTagsForResourceRequest(existing.RepositoryArn), ct).ConfigureAwait(false))
                .ToDictionary(t => t.Key, t => t.Value ?? string.Empty, StringComparer.Ordinal);
            if (!TaggedResources.IsSameOwner(desired.Tags, tags))
            {
                throw NameTakenException.For($"the ECR repository name {name}", existing.RepositoryArn, tags, desired.Tags, ex);
            }

            return Created(existing);
        }
    }

    private static CreatedResource Created(Repository repository) =>
        new(repository.RepositoryName, ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal,
        [
            KeyValuePair.Create("uri", repository.RepositoryUri),
            KeyValuePair.Create("arn", repository.RepositoryArn),
        ]));

    public async Task UpdateAsync(ResolvedResource desired, ObservedResource actual, IReadOnlyList<FieldChange> changes, CancellationToken ct)
    {
        _tags.Forget(actual.Attributes["arn"]);
        if (changes.Any(c => c.Path == K.ScanOnPush))
        {
            await ecr.PutImageScanningConfigurationAsync(new PutImageScanningConfigurationRequest(actual.AwsId, new ImageScanningConfiguration(desired.Get(K.ScanOnPush) == "true")), ct).ConfigureAwait(false);
        }

        if (changes.Any(c => c.Path == K.TagMutability))
        {
            await ecr.PutImageTagMutabilityAsync(new PutImageTagMutabilityRequest(actual.AwsId, desired.Get(K.TagMutability)), ct).ConfigureAwait(false);
        }

        var tags = TaggedResources.ChangedTags(desired.Tags, changes);
        if (tags.Count > 0)
        {
            await ecr.TagResourceAsync(new TagResourceRequest(actual.Attributes["arn"], tags.Select(t => new Tag(t.Key, t.Value)).ToList()), ct).ConfigureAwait(false);
        }
    }

    public async Task DeleteAsync(ObservedResource actual, CancellationToken ct)
    {
        try
        {
            await ecr.DeleteRepositoryAsync(new DeleteRepositoryRequest(actual.AwsId, Force: false), ct).ConfigureAwait(false);
        }
        catch (AwsCallException ex) when (ex.Error.Code == "RepositoryNotFoundException")
        {
            // Already gone: what a delete wants.
        }
        catch (AwsCallException ex) when (ex.Error.Code == "RepositoryNotEmptyException")
        {
            if (actual.Attributes.GetValueOrDefault(AllowDeletionAttribute) != "true")
            {
                throw new InvalidOperationException(
                    $"{actual.LogicalId}: repository {actual.AwsId} still holds images; set allowDeletionWithImages: true on it in the spec to delete them with it, or delete the images first", ex);
            }

            await ecr.DeleteRepositoryAsync(new DeleteRepositoryRequest(actual.AwsId, Force: true), ct).ConfigureAwait(false);
        }
    }
}
