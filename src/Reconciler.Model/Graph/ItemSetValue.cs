using System.Collections.Immutable;

namespace Reconciler.Model.Graph;

/// <summary>
/// An unordered set of compound values (routes, rules, port mappings): compared as a set of records, diffed per
/// element like <see cref="SetValue"/>.
/// </summary>
internal sealed record ItemSetValue : FieldValue
{
    public ItemSetValue(IEnumerable<GraphItem> items) => Items = items.ToImmutableSortedSet();

    public ImmutableSortedSet<GraphItem> Items { get; }

    public override string Display => "[" + string.Join(", ", Items.Select(i => i.Display)) + "]";

    public override FieldValue Resolve(Func<string, string?> resolve) =>
        Items.Any(i => i.HasReferences) ? new ItemSetValue(Items.Select(i => i.Resolve(resolve))) : this;

    public override IEnumerable<string> ReferencedIds() => Items.SelectMany(i => i.ReferencedIds());

    /// <summary>The items of type <typeparamref name="T"/>.</summary>
    public IReadOnlyList<T> Of<T>()
        where T : GraphItem => Items.OfType<T>().ToList();

    public bool Equals(ItemSetValue? other) => other is not null && Items.SetEquals(other.Items);

    public override int GetHashCode() => Items.Aggregate(0, (h, i) => h ^ i.GetHashCode());
}
