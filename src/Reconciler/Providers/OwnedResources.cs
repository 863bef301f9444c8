using System.Collections.Immutable;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;

namespace Reconciler.Providers;

/// <summary>The observed record of a live resource from its tags, whatever service it lives in.</summary>
internal static class OwnedResources
{
    /// <summary>Null when the ownership tags are incomplete or name another kind: such a resource is not ours to manage.</summary>
    public static ObservedResource? Observed(
        ResourceKind kind,
        string awsId,
        IEnumerable<KeyValuePair<string, string>> tags,
        IEnumerable<(string Key, FieldValue Value)> properties,
        IEnumerable<(string Key, string Value)>? attributes = null)
    {
        var tagMap = tags.GroupBy(t => t.Key, StringComparer.Ordinal)
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

    /// <summary>The tags a plan's changes ask to add or change (never removals: tags others set are left alone).</summary>
    public static IReadOnlyDictionary<string, string> ChangedTags(IReadOnlyDictionary<string, string> desired, IReadOnlyList<FieldChange> changes) =>
        changes.Where(c => c.Path.StartsWith("tags.", StringComparison.Ordinal))
            .Select(c => c.Path[5..])
            .Distinct(StringComparer.Ordinal)
            .ToDictionary(k => k, k => desired[k], StringComparer.Ordinal);

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
