namespace Reconciler.Model.Graph;

/// <summary>
/// One field of a kind as the graph carries it: its property name, what it holds, and whether AWS can change it in
/// place (<see cref="ForcesReplacement"/> false) or only by replacing the resource. A kind's fields are declared
/// once, in its folder, and give <see cref="ResourceKind.ReplaceOn"/> and docs/kinds.md.
/// </summary>
internal sealed record KindField(string Name, string Description, bool ForcesReplacement = false);
