using Amazon.EC2;
using Amazon.EC2.Model;
using Reconciler.Aws;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;

namespace Reconciler.Providers.Ec2;

/// <summary>What every EC2 provider shares: tag filters, tags at creation, tag updates, paging, and the observed record.</summary>
internal sealed class Ec2Support(AmazonEC2Client client, AwsCallRunner runner)
{
    public const string Service = "ec2";

    public AmazonEC2Client Client => client;

    public AwsCallRunner Runner => runner;

    /// <summary>
    /// The filter that finds what the given environments own: one listing serves them all. With few environments it
    /// names them (<c>tag:reconciler:environment</c>); with many it asks for the tag key alone (<c>tag-key</c>: all
    /// that this reconciler owns in the region), so the request neither grows with the fleet nor hits EC2's limit on
    /// filter values. The engine keeps only the environments asked about; a provider that reads more per resource
    /// filters first (<see cref="IsOwnedBy"/>).
    /// </summary>
    public static List<Filter> OwnedBy(IReadOnlyCollection<string> environments) =>
        Observation.TaggedInventory.FilterValues(environments) is { } values
            ? [new Filter { Name = "tag:" + Ownership.EnvironmentTag, Values = [.. values] }]
            : [new Filter { Name = "tag-key", Values = [Ownership.EnvironmentTag] }];

    /// <summary>Whether EC2 tags name one of <paramref name="environments"/> as owner.</summary>
    public static bool IsOwnedBy(IEnumerable<Tag>? tags, IReadOnlyCollection<string> environments) =>
        (tags ?? []).Any(t => t.Key == Ownership.EnvironmentTag && environments.Contains(t.Value));

    /// <summary>Tags set in the create call itself, so that a crash can never leave an untagged orphan.</summary>
    public static List<TagSpecification> TagsAtCreation(ResourceType type, IReadOnlyDictionary<string, string> tags) =>
        [new TagSpecification { ResourceType = type, Tags = tags.Select(t => new Tag(t.Key, t.Value)).ToList() }];

    public Task<T> Read<T>(string operation, Func<CancellationToken, Task<T>> call, CancellationToken ct) =>
        runner.RunAsync(Service, operation, CallPurpose.Read, call, ct);

    public Task<T> Mutate<T>(string operation, Func<CancellationToken, Task<T>> call, CancellationToken ct) =>
        runner.RunAsync(Service, operation, CallPurpose.Mutate, call, ct);

    /// <summary>A create with no idempotency token: see <see cref="CallPurpose.Create"/>.</summary>
    public Task<T> Create<T>(string operation, Func<CancellationToken, Task<T>> call, CancellationToken ct) =>
        runner.RunAsync(Service, operation, CallPurpose.Create, call, ct);

    public Task<T> Delete<T>(string operation, Func<CancellationToken, Task<T>> call, CancellationToken ct) =>
        runner.RunAsync(Service, operation, CallPurpose.Delete, call, ct);

    /// <summary>
    /// The final call of a delete: a NotFound for the resource itself (<paramref name="goneCode"/>) means it is already
    /// gone, which is what a delete wants (a retried delete whose first response was lost).
    /// </summary>
    public Task DeleteResource<T>(string operation, string goneCode, Func<CancellationToken, Task<T>> call, CancellationToken ct) =>
        TaggedResources.DeleteAsync(() => Delete(operation, call, ct), goneCode);

    /// <summary>Every page of a Describe call, each page through the runner.</summary>
    public async Task<List<TItem>> Pages<TResponse, TItem>(
        string operation,
        Func<string?, CancellationToken, Task<TResponse>> call,
        Func<TResponse, IEnumerable<TItem>?> items,
        Func<TResponse, string?> next,
        CancellationToken ct)
    {
        var result = new List<TItem>();
        string? token = null;
        do
        {
            var page = await Read(operation, c => call(token, c), ct).ConfigureAwait(false);
            result.AddRange(items(page) ?? []);
            token = next(page);
        }
        while (!string.IsNullOrEmpty(token));

        return result;
    }

    /// <summary>Every tag of one EC2 resource by its id (DescribeTags filtered by resource-id), for adoption's check of the owner.</summary>
    public async Task<Dictionary<string, string>> TagsOf(string resourceId, CancellationToken ct)
    {
        var tags = await Pages("DescribeTags",
            (token, c) => client.DescribeTagsAsync(new DescribeTagsRequest { Filters = [new Filter("resource-id", [resourceId])], NextToken = token }, c),
            r => r.Tags, r => r.NextToken, ct).ConfigureAwait(false);
        return tags.GroupBy(t => t.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Value ?? string.Empty, StringComparer.Ordinal);
    }

    /// <summary>Adds tags to one EC2 resource (CreateTags "adds or overwrites only the specified tags": EC2 API reference).</summary>
    public Task AddTags(string resourceId, IReadOnlyDictionary<string, string> tags, CancellationToken ct) =>
        Mutate("CreateTags", c => client.CreateTagsAsync(new CreateTagsRequest { Resources = [resourceId], Tags = [.. tags.Select(t => new Tag(t.Key, t.Value))] }, c), ct);

    /// <summary>Adds or changes the tags the spec sets; never removes tags others set.</summary>
    public async Task UpdateTags(string awsId, IReadOnlyDictionary<string, string> desired, IReadOnlyList<FieldChange> changes, CancellationToken ct)
    {
        var changed = TaggedResources.ChangedTags(desired, changes);
        if (changed.Count == 0)
        {
            return;
        }

        await AddTags(awsId, changed, ct).ConfigureAwait(false);
    }

    /// <summary>The observed record of a tagged resource; null when its ownership tags are incomplete.</summary>
    public static ObservedResource? Observed(
        ResourceKind kind,
        string awsId,
        IEnumerable<Tag>? tags,
        IEnumerable<(string Key, FieldValue Value)> properties,
        IEnumerable<(string Key, string Value)>? attributes = null) =>
        TaggedResources.Observed(kind, awsId, (tags ?? []).Select(t => KeyValuePair.Create(t.Key, t.Value ?? string.Empty)), properties, attributes);
}
