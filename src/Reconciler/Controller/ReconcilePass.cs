namespace Reconciler.Controller;

/// <summary>
/// One pass of one environment by this controller, from the moment it was handed to a worker until the worker let go
/// of it; with leases, the replica and the lease generation it ran under. <see cref="Fenced"/>: the lease was found
/// lost before a mutating pass, so the pass stopped there without changing anything (it may still have been running
/// when the next holder began).
/// </summary>
internal sealed record ReconcilePass(string Environment, string? Replica, long? Generation, DateTimeOffset Started, DateTimeOffset Ended, bool Fenced = false);
