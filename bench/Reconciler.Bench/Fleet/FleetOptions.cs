namespace Reconciler.Bench.Fleet;

/// <param name="Sizes">The fleet sizes N, ascending: each step applies the environments it adds, then measures all N.</param>
/// <param name="ApplyParallelism">Environments applied from empty at once.</param>
/// <param name="Workers">Environments resynced at once in the per-environment and per-resource modes (the controller's default workers).</param>
internal sealed record FleetOptions(IReadOnlyList<int> Sizes, int ApplyParallelism, int Workers);
