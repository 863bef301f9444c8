namespace Reconciler.Model.Graph;

/// <summary>One compound value (<see cref="GraphItem"/>): compared by record equality, shown by its display text.</summary>
internal sealed record ItemValue(GraphItem Item) : FieldValue
{
    public override string Display => Item.Display;

    public override FieldValue Resolve(Func<string, string?> resolve) => Item.HasReferences ? new ItemValue(Item.Resolve(resolve)) : this;

    public override IEnumerable<string> ReferencedIds() => Item.ReferencedIds();
}
