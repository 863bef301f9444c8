using Reconciler.Aws;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;

namespace Reconciler.Providers;

/// <summary>What every provider shares whatever its client: the observed record built from tags, and deletes that own their NotFound.</summary>
internal static class TaggedResources
{
    /// <summary>True when the tags say the resource belongs to one of <paramref name="environments"/>.</summary>
    public static bool OwnedBy(IReadOnlyDictionary<string, string> tags, IReadOnlyCollection<string> environments) =>
        tags.TryGetValue(Ownership.EnvironmentTag, out var environment) && environments.Contains(environment);

    /// <summary>The observed record of a tagged resource; null when its ownership tags are incomplete or name another kind.</summary>
    public static ObservedResource? Observed(
        ResourceKind kind,
        string awsId,
        IEnumerable<KeyValuePair<string, string>> tags,
        IEnumerable<(string Key, FieldValue Value)> properties,
        IEnumerable<(string Key, string Value)>? attributes = null)
    {
        var tagMap = tags.GroupBy(t => t.Key, StringComparer.Ordinal)
            .ToSortedMap(g => g.Key, g => g.First().Value ?? string.Empty);
        if (!tagMap.TryGetValue(Ownership.EnvironmentTag, out var environment) || !tagMap.TryGetValue(Ownership.LogicalIdTag, out var logicalId))
        {
            return null;
        }

        if (!logicalId.StartsWith(kind.Name + "/", StringComparison.Ordinal))
        {
            return null;
        }

        return new ObservedResource(
            kind,
            logicalId,
            environment,
            awsId,
            properties.ToSortedMap(p => p.Key, p => p.Value),
            tagMap,
            (attributes ?? []).ToSortedMap(a => a.Key, a => a.Value));
    }

    /// <summary>Attributes for a <see cref="CreatedResource"/>: what other resources refer to.</summary>
    public static SortedMap<string> Attributes(params IEnumerable<(string Key, string Value)> attributes) =>
        attributes.ToSortedMap(a => a.Key, a => a.Value);

    /// <summary>An integer field of a resolved resource (fields hold canonical invariant strings).</summary>
    public static int Int(this ResolvedResource desired, string field) => int.Parse(desired.Get(field), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The tags a change list asks to add or change (<c>tags.KEY</c> paths); others' tags are never removed.</summary>
    public static Dictionary<string, string> ChangedTags(IReadOnlyDictionary<string, string> desired, IReadOnlyList<FieldChange> changes) =>
        changes.Where(c => c.Path.StartsWith("tags.", StringComparison.Ordinal))
            .Select(c => c.Path[5..])
            .ToDictionary(k => k, k => desired[k], StringComparer.Ordinal);

    /// <summary>
    /// The final call of a delete: a NotFound for the resource itself (one of <paramref name="goneCodes"/>) means it is
    /// already gone, which is what a delete wants (a retried delete whose first response was lost).
    /// </summary>
    public static async Task DeleteAsync(Func<Task> call, params string[] goneCodes)
    {
        try
        {
            await call().ConfigureAwait(false);
        }
        catch (AwsCallException ex) when (goneCodes.Contains(ex.Error.Code))
        {
        }
    }

    /// <summary>
    /// Whether a resource that already exists under the name a create wanted is the one this create is for (a lost
    /// create response, or a listing that lagged): it carries this environment's and this logical id's ownership tags.
    /// </summary>
    public static bool IsSameOwner(IReadOnlyDictionary<string, string> desired, IReadOnlyDictionary<string, string> live) =>
        desired.TryGetValue(Ownership.EnvironmentTag, out var env) && live.GetValueOrDefault(Ownership.EnvironmentTag) == env &&
        desired.TryGetValue(Ownership.LogicalIdTag, out var id) && live.GetValueOrDefault(Ownership.LogicalIdTag) == id;

    /// <summary>
    /// A named create that AWS may refuse because the name is taken (<paramref name="takenCodes"/>): typically a create
    /// retried after its answer was lost, whose first attempt made the resource. The one found by that name
    /// (<paramref name="find"/>, with its tags) is adopted when it carries this resource's ownership tags
    /// (<see cref="IsSameOwner"/>); otherwise it is somebody else's, and it is reported (<see cref="NameTakenException"/>,
    /// naming it by <paramref name="idOf"/>), never adopted or changed.
    /// </summary>
    public static async Task<T> CreateOrAdoptAsync<T>(
        Func<Task<T>> create,
        Func<Task<(T Item, IReadOnlyDictionary<string, string> Tags)?>> find,
        Func<T, string> idOf,
        IReadOnlyDictionary<string, string> desiredTags,
        string what,
        params string[] takenCodes)
    {
        try
        {
            return await create().ConfigureAwait(false);
        }
        catch (AwsCallException ex) when (takenCodes.Contains(ex.Error.Code))
        {
            var existing = await find().ConfigureAwait(false);
            if (existing is { } found && IsSameOwner(desiredTags, found.Tags))
            {
                return found.Item;
            }

            throw NameTakenException.For(what, existing is { } other ? idOf(other.Item) : null, existing?.Tags, desiredTags, ex);
        }
    }

    /// <summary>
    /// An idempotency token (RunInstances ClientToken, CreateNatGateway ClientToken): at most 64 ASCII characters, the
    /// same for the same environment, logical id and <paramref name="parts"/> (the desired fields that shape the resource).
    /// </summary>
    public static string ClientToken(string environment, string logicalId, IEnumerable<string> parts)
    {
        var text = string.Join('|', new[] { environment, logicalId }.Concat(parts));
        return "rc-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..40];
    }
}
