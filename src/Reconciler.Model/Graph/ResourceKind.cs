namespace Reconciler.Model.Graph;

/// <summary>
/// A kind of AWS resource the engine manages. <see cref="Rank"/> orders kinds for creation (low first) and for
/// deletion of resources that are no longer in any graph (high first). <see cref="ReplaceOn"/> names the fields
/// that AWS cannot change in place. <see cref="Stateful"/> resources hold data: replacing or deleting them needs
/// an explicit opt-in. <see cref="Shared"/> resources are used by many environments and never deleted by one.
/// Each kind is defined in its folder under Kinds/ with <see cref="Define"/>.
/// </summary>
internal sealed record ResourceKind(string Name, int Rank, IReadOnlySet<string> ReplaceOn, bool Stateful = false, bool Shared = false)
{
    /// <summary>One line on what the kind is, for docs/kinds.md.</summary>
    public string Summary { get; init; } = string.Empty;

    /// <summary>The fields the graph carries for the kind, in the order the docs show them.</summary>
    public IReadOnlyList<KindField> Fields { get; init; } = [];

    /// <summary>A kind with its documented fields; the fields that force a replacement make <see cref="ReplaceOn"/>.</summary>
    public static ResourceKind Define(string name, int rank, string summary, IReadOnlyList<KindField> fields, bool stateful = false, bool shared = false) =>
        new(name, rank, fields.Where(f => f.ForcesReplacement).Select(f => f.Name).ToHashSet(StringComparer.Ordinal), stateful, shared)
        {
            Summary = summary,
            Fields = fields,
        };

    public bool Equals(ResourceKind? other) => other is not null && other.Name == Name;

    public override int GetHashCode() => Name.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => Name;
}
