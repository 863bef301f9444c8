using Reconciler.Model.Graph;

namespace Reconciler.Model.Planning;

/// <summary>What one observation found, and which kinds it looked at (a kind not looked at is not planned).</summary>
internal sealed record ObservedState(IReadOnlyList<ObservedResource> Resources, IReadOnlySet<ResourceKind> Kinds)
{
    public static ObservedState Empty(IEnumerable<ResourceKind> kinds) => new([], kinds.ToHashSet());
}
