namespace Reconciler.Model.Graph;

/// <summary>
/// A kind of AWS resource the engine manages. <see cref="Rank"/> orders kinds for creation (low first) and for
/// deletion of resources that are no longer in any graph (high first). <see cref="ReplaceOn"/> names the fields
/// that AWS cannot change in place. <see cref="Stateful"/> resources hold data: replacing or deleting them needs
/// an explicit opt-in. <see cref="Shared"/> resources are used by many environments and never deleted by one.
/// </summary>
internal sealed record ResourceKind(string Name, int Rank, IReadOnlySet<string> ReplaceOn, bool Stateful = false, bool Shared = false)
{
    public bool Equals(ResourceKind? other) => other is not null && other.Name == Name;

    public override int GetHashCode() => Name.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => Name;
}
