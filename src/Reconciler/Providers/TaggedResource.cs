using System.Collections.Immutable;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;

namespace Reconciler.Providers;

/// <summary>
/// The observed record of a resource found through its tags, whatever client listed them (EC2's tag objects, the
/// thin clients' key/value pairs or maps): null when its ownership tags are missing or name another kind.
/// </summary>
internal static class TaggedResource
{
    public static ObservedResource? Observed(
        ResourceKind kind,
        string awsId,
        IEnumerable<KeyValuePair<string, string>>? tags,
        IEnumerable<(string Key, FieldValue Value)> properties,
        IEnumerable<(string Key, string Value)>? attributes = null)
    {
        var tagMap = (tags ?? []).GroupBy(t => t.Key, StringComparer.Ordinal)
            .ToImmutableSortedDictionary(g => g.Key, g => g.First().Value ?? string.Empty, StringComparer.Ordinal);
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
            properties.ToImmutableSortedDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
            tagMap,
            (attributes ?? []).ToImmutableSortedDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal));
    }

    /// <summary>The tags to add or change: the <c>tags.*</c> changes of a plan step (tags others set are never removed).</summary>
    public static Dictionary<string, string> Changed(IReadOnlyDictionary<string, string> desired, IReadOnlyList<FieldChange> changes) =>
        changes.Where(c => c.Path.StartsWith("tags.", StringComparison.Ordinal))
            .Select(c => c.Path[5..])
            .ToDictionary(k => k, k => desired[k], StringComparer.Ordinal);

    /// <summary>
    /// Whether a resource that already exists under the name a create wanted is the one this create is for (a lost
    /// create response, or a listing that lagged): it carries this environment's and this logical id's ownership tags.
    /// </summary>
    public static bool IsSameOwner(IReadOnlyDictionary<string, string> desired, IReadOnlyDictionary<string, string> live) =>
        desired.TryGetValue(Ownership.EnvironmentTag, out var env) && live.GetValueOrDefault(Ownership.EnvironmentTag) == env &&
        desired.TryGetValue(Ownership.LogicalIdTag, out var id) && live.GetValueOrDefault(Ownership.LogicalIdTag) == id;
}
