namespace Reconciler.Model.Planning;

/// <summary><see cref="Prune"/>: delete owned resources that left the spec. <see cref="Destroy"/>: delete everything owned.</summary>
internal sealed record PlanOptions(bool Prune, bool Destroy = false);
