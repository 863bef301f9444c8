using System.Collections.Immutable;

namespace Reconciler.Model.Graph;

/// <summary>An unordered set of strings (security group rules, subnet ids): compared as a set, diffed per element.</summary>
internal sealed record SetValue : FieldValue
{
    public SetValue(IEnumerable<string> items) => Items = items.ToImmutableSortedSet(StringComparer.Ordinal);

    public ImmutableSortedSet<string> Items { get; }

    public override string Display => "[" + string.Join(", ", Items) + "]";

    public override FieldValue Resolve(Func<string, string?> resolve) =>
        Items.Any(References.MayHold) ? new SetValue(Items.Select(i => References.Substitute(i, resolve))) : this;

    public override IEnumerable<string> ReferencedIds() => Items.Any(References.MayHold) ? Items.SelectMany(References.Find) : [];

    public bool Equals(SetValue? other) => other is not null && Items.SetEquals(other.Items);

    public override int GetHashCode() => Items.Aggregate(0, (h, i) => h ^ i.GetHashCode(StringComparison.Ordinal));
}
