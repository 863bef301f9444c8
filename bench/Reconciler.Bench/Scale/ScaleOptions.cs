namespace Reconciler.Bench.Scale;

/// <param name="Environments">The fleet size aimed at (the seeding may stop earlier at <paramref name="SeedUntil"/>).</param>
/// <param name="Parallel">Environments seeded at once.</param>
/// <param name="Chunk">Environments per seeding window (one line of the growth table).</param>
/// <param name="ObserveAt">Account sizes at which one environment is observed alone, the engine's way (the cost of a pass).</param>
/// <param name="SeedUntil">UTC time after which no new seeding window starts (the time box).</param>
/// <param name="Turns">Controller resyncs measured, one after the other.</param>
/// <param name="DetailEvery">K of the controller's detail rotation (ControllerOptions.DetailEvery).</param>
/// <param name="Attach">
/// Endpoint and process id of a moto_server already seeded with fleet-0001..N by an earlier run (stopped after a
/// window, its moto_server left running): no seeding, only the resyncs of those N. Null: start and seed a new one.
/// </param>
/// <param name="IndexedMoto">bench/moto/serve.py with --indexed (true, the default) or without (false, moto's own scans).</param>
internal sealed record ScaleOptions(int Environments, int Parallel, int Chunk, IReadOnlySet<int> ObserveAt, DateTimeOffset SeedUntil, int Turns, int DetailEvery,
    (string Endpoint, int ProcessId)? Attach = null, bool IndexedMoto = true);
