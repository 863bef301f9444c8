namespace Reconciler.Bench.Fleet;

/// <param name="Sizes">The fleet sizes N, ascending: each step applies the environments it adds, then measures all N.</param>
/// <param name="ApplyParallelism">Environments applied from empty at once.</param>
/// <param name="Workers">Environments resynced at once in the per-environment and per-resource modes (the controller's default workers).</param>
/// <param name="PerEnvironmentUpTo">The largest N measured in the per-environment mode (it costs N times the shared one: at N=100 it took 17 minutes).</param>
/// <param name="DetailEvery">K of the controller's detail rotation (ControllerOptions.DetailEvery) in the "shared, controller" mode.</param>
internal sealed record FleetOptions(IReadOnlyList<int> Sizes, int ApplyParallelism, int Workers, int PerEnvironmentUpTo = 10, int DetailEvery = 6);
