using System.Collections.Immutable;
using Reconciler.Aws;
using Reconciler.Aws.Logs;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;
using Reconciler.Providers.Observation;
using Reconciler.Providers;
using K = Reconciler.Model.Kinds.LogGroupKind;

namespace Reconciler.Kinds;

/// <summary>
/// CloudWatch Logs groups, named as written: retention in place (a <see cref="LogRetention"/>, forever when the spec
/// sets none, so removing it from the spec removes the policy), tags at creation. The AWS id and the <c>name</c> attribute are
/// the group's name, which task definitions refer to.
/// </summary>
internal sealed class LogGroupProvider(ICloudWatchLogsApi logs, TaggedInventory inventory) : IResourceProvider
{
    /// <summary>DescribeLogGroups takes at most 50 identifiers per call.</summary>
    private const int IdentifiersPerCall = 50;

    /// <summary>The groups this process created or adopted that the Tagging API inventory has not listed yet: read by name.</summary>
    private readonly UnlistedCreations _created = new();

    public ResourceKind Kind => K.Kind;

    /// <summary>
    /// DescribeLogGroups cannot filter by tag, and a typical account holds hundreds of groups (Lambda makes one per
    /// function), so listing them all and reading each one's tags would cost a call per group. Instead: the shared
    /// Tagging API inventory (<see cref="TaggedInventory"/>: one paged GetResources per observation for all kinds, filtered by
    /// the ownership tag, with the tags), then DescribeLogGroups for
    /// just those names, 50 per call, for the retention. Checked on moto_server: its GetResources lists log groups
    /// for the type filter "logs" (it does not know AWS's "logs:log-group", hence the service-wide filter, which AWS
    /// also accepts; other logs resources are dropped by ARN), and its DescribeLogGroups ignores
    /// <c>logGroupIdentifiers</c>, so the answer is matched by name here. The Tagging API is eventually consistent: a
    /// group created seconds ago may be missing. The groups this process created are therefore read by name until the
    /// inventory lists them (<see cref="_created"/>); a group created elsewhere and not listed yet is adopted by the
    /// create (see <see cref="CreateAsync"/>).
    /// </summary>
    public async Task<IReadOnlyList<ObservedResource>> ObserveAsync(IReadOnlyCollection<string> environments, IReadOnlyCollection<DesiredResource> desired, CancellationToken ct)
    {
        var tagged = await inventory.OwnedAsync(environments, ct).ConfigureAwait(false);
        var byName = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var (arn, tags) in tagged)
        {
            if (arn.StartsWith("arn:", StringComparison.Ordinal) && arn.Split(':') is [_, _, "logs", ..] && NameFromArn(arn) is { } name)
            {
                byName[name] = tags;
            }
        }

        var unlisted = _created.Unlisted(environments, byName.Keys).ToHashSet(StringComparer.Ordinal);
        var result = new List<ObservedResource>();
        foreach (var chunk in byName.Keys.Concat(unlisted).Order(StringComparer.Ordinal).Chunk(IdentifiersPerCall))
        {
            var groups = await logs.DescribeLogGroupsAsync(new DescribeLogGroupsRequest(LogGroupIdentifiers: chunk), ct).ConfigureAwait(false);
            foreach (var group in groups)
            {
                var tags = byName.TryGetValue(group.LogGroupName, out var listed) ? listed
                    : unlisted.Contains(group.LogGroupName) ? await UnlistedTags(group, environments, ct).ConfigureAwait(false)
                    : null;
                if (tags is not null && Observed(group, tags) is { } observed)
                {
                    result.Add(observed);
                }

                unlisted.Remove(group.LogGroupName);
            }
        }

        // Created here but no longer there (deleted by hand): nothing to read by name any more.
        foreach (var gone in unlisted)
        {
            _created.Forget(gone);
        }

        return result;
    }

    /// <summary>
    /// The tags of a group this process created that the Tagging API does not list yet, read from the group itself;
    /// null when they no longer name one of <paramref name="environments"/> (someone retagged it: not ours to show).
    /// </summary>
    private async Task<IReadOnlyDictionary<string, string>?> UnlistedTags(LogGroup group, IReadOnlyCollection<string> environments, CancellationToken ct)
    {
        var tags = await logs.ListTagsForResourceAsync(new ListTagsForResourceRequest(group.LogGroupArn ?? string.Empty), ct).ConfigureAwait(false);
        return TaggedResources.OwnedBy(tags, environments) ? tags : null;
    }

    /// <summary>The group name of a log group ARN (<c>arn:aws:logs:r:a:log-group:NAME[:*]</c>); null for other logs resources.</summary>
    public static string? NameFromArn(string arn)
    {
        const string marker = ":log-group:";
        var at = arn.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var name = arn[(at + marker.Length)..];
        return name.EndsWith(":*", StringComparison.Ordinal) ? name[..^2] : name;
    }

    private ObservedResource? Observed(LogGroup group, IEnumerable<KeyValuePair<string, string>> tags) =>
        TaggedResources.Observed(Kind, group.LogGroupName, tags,
        [
            (K.Name, FieldValue.Of(group.LogGroupName)),
            (K.RetentionDays, FieldValue.Of(new LogRetention(group.RetentionInDays))),
        ],
        [("name", group.LogGroupName), ("arn", group.LogGroupArn ?? string.Empty)]);

    public async Task<CreatedResource> CreateAsync(ResolvedResource desired, CancellationToken ct)
    {
        var name = desired.Get(K.Name);
        try
        {
            await logs.CreateLogGroupAsync(new CreateLogGroupRequest(name, desired.Tags), ct).ConfigureAwait(false);
        }
        catch (AwsCallException ex) when (ex.Error.Code == "ResourceAlreadyExistsException")
        {
            // Ours already (a lost answer, or a Tagging API listing that lagged): adopt it. Anyone else's: never touch it.
            var existing = (await logs.DescribeLogGroupsAsync(new DescribeLogGroupsRequest(LogGroupNamePrefix: name), ct).ConfigureAwait(false))
                .Single(g => g.LogGroupName == name);
            var tags = await logs.ListTagsForResourceAsync(new ListTagsForResourceRequest(existing.LogGroupArn ?? string.Empty), ct).ConfigureAwait(false);
            if (!TaggedResources.IsSameOwner(desired.Tags, tags))
            {
                throw NameTakenException.For($"the log group name {name}", existing.LogGroupArn ?? name, tags, desired.Tags, ex);
            }
        }

        _created.Created(name, desired.Tags);

        // A new group keeps its events forever: only a retention needs a call.
        var retention = desired.Item<LogRetention>(K.RetentionDays);
        if (retention.Days is not null)
        {
            await SetRetention(name, retention, ct).ConfigureAwait(false);
        }

        return new CreatedResource(name, ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("name", name)]));
    }

    public async Task UpdateAsync(ResolvedResource desired, ObservedResource actual, IReadOnlyList<FieldChange> changes, CancellationToken ct)
    {
        if (changes.Any(c => c.Path == K.RetentionDays))
        {
            await SetRetention(actual.AwsId, desired.Item<LogRetention>(K.RetentionDays), ct).ConfigureAwait(false);
        }

        var tags = TaggedResources.ChangedTags(desired.Tags, changes);
        if (tags.Count > 0)
        {
            await logs.TagResourceAsync(new TagResourceRequest(actual.Attributes["arn"], tags), ct).ConfigureAwait(false);
        }
    }

    private async Task SetRetention(string name, LogRetention retention, CancellationToken ct)
    {
        if (retention.Days is { } days)
        {
            await logs.PutRetentionPolicyAsync(new PutRetentionPolicyRequest(name, days), ct).ConfigureAwait(false);
        }
        else
        {
            await logs.DeleteRetentionPolicyAsync(new DeleteRetentionPolicyRequest(name), ct).ConfigureAwait(false);
        }
    }

    public async Task DeleteAsync(ObservedResource actual, CancellationToken ct)
    {
        _created.Forget(actual.AwsId);
        try
        {
            await logs.DeleteLogGroupAsync(new DeleteLogGroupRequest(actual.AwsId), ct).ConfigureAwait(false);
        }
        catch (AwsCallException ex) when (ex.Error.Code == "ResourceNotFoundException")
        {
            // Already gone: what a delete wants.
        }
    }
}
