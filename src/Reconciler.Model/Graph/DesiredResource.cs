using System.Collections.Immutable;

namespace Reconciler.Model.Graph;

/// <summary>
/// One resource the spec asks for. <see cref="Properties"/> are the fields the spec controls, in the canonical
/// form the providers also observe them in. <see cref="Tags"/> are compared key by key: keys set by others are left.
/// </summary>
internal sealed record DesiredResource(
    ResourceKind Kind,
    string Name,
    ImmutableSortedDictionary<string, FieldValue> Properties,
    ImmutableSortedSet<string> DependsOn,
    ImmutableSortedDictionary<string, string> Tags,
    bool AllowReplacement = false)
{
    public string LogicalId => $"{Kind.Name}/{Name}";

    public string? Get(string field) => Properties.TryGetValue(field, out var value) && value is ScalarValue s ? s.Value : null;

    public IReadOnlyCollection<string> SetOf(string field) =>
        Properties.TryGetValue(field, out var value) && value is SetValue s ? s.Items : [];
}
