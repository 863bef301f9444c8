using System.Diagnostics;
using System.Globalization;
using Reconciler.Controller;
using Reconciler.Model.Graph;
using Reconciler.Model.Loading;
using Reconciler.Model.Planning;
using Reconciler.Web;

namespace Reconciler.Bench.Pure;

/// <summary>
/// Retained memory of a controller-like catalog of 1,000 environments, holding what the controller holds between two
/// resyncs: each loaded spec (document, source positions, diagnostics) with its graph, the shared observation's
/// snapshot (every environment's observed resources, as a provider reads them, grouped by environment), and the
/// dashboard's record of each environment's last pass (<see cref="DashboardHistory"/>, which keeps the last plan).
/// Measured in a process of its own, so nothing else is on the heap.
/// </summary>
internal static class CatalogMemory
{
    private sealed record Entry(LoadedSpec Spec, ResourceGraph Graph);

    public static IReadOnlyList<string> Run()
    {
        var options = new PlanOptions(Prune: true);
        var texts = SampleSpecs.Many("mem", PlannerBenchmarks.Environments);
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var workingSetBefore = WorkingSet();

        var catalog = new List<Entry>(texts.Count);
        foreach (var text in texts)
        {
            var (spec, graph) = SampleSpecs.Load(text);
            catalog.Add(new Entry(spec, graph));
        }

        // The shared observation's snapshot (SharedObservation.Snapshot): all resources of the region, by environment.
        var (kinds, byEnvironment) = Snapshot(catalog.Select(e => e.Graph).ToList());
        var history = new DashboardHistory(TimeProvider.System);
        foreach (var entry in catalog)
        {
            var plan = Planner.Plan(entry.Graph, new ObservedState([.. byEnvironment[entry.Graph.Environment]], kinds), options);
            if (plan.HasChanges)
            {
                throw new InvalidOperationException($"the synthesized steady state of {entry.Graph.Environment} is not in sync: {plan.Summary}");
            }

            history.Record(entry.Graph.Environment, new ReconcileResult(ReconcileOutcome.Done) { Plan = plan, State = "in sync" }, TimeSpan.FromMinutes(5));
        }

        texts = [];
        var heapAfter = GC.GetTotalMemory(forceFullCollection: true);
        var workingSet = WorkingSet();
        var retained = heapAfter - heapBefore;
        GC.KeepAlive(catalog);
        GC.KeepAlive(byEnvironment);
        GC.KeepAlive(history);
        if (Environment.GetEnvironmentVariable("RECONCILER_BENCH_HOLD") is { Length: > 0 } hold)
        {
            // For dotnet-gcdump: the catalog stays alive while it collects.
            Console.Error.WriteLine($"holding pid {Environment.ProcessId} for {hold} s");
            Thread.Sleep(TimeSpan.FromSeconds(double.Parse(hold, CultureInfo.InvariantCulture)));
        }

        // Where the bytes went, by type, after the figures above were taken (the walk allocates).
        var census = new HeapCensus();
        census.Walk("spec", catalog.Select(e => e.Spec).ToList());
        census.Walk("graph", catalog.Select(e => e.Graph).ToList());
        census.Walk("snapshot", byEnvironment);
        census.Walk("dashboard (last plans)", history);
        var met = workingSet < 300L * 1024 * 1024;
        return
        [
            "| Measure (1,000 environments: spec + graph + shared observation + dashboard's last pass) | Value |",
            "| --- | --- |",
            $"| managed heap retained by the catalog (GC.GetTotalMemory(true) after - before) | {Mb(retained)} ({Kb(retained / catalog.Count)} per environment) |",
            $"| process working set with the catalog loaded | {Mb(workingSet)} (before loading: {Mb(workingSetBefore)}) |",
            string.Empty,
            $"Target: controller memory for 1,000 environments under 300 MB: **{(met ? "met" : "not met")}** (working set {Mb(workingSet)}).",
            string.Empty,
            .. census.Report(catalog.Count, top: 30),
        ];
    }

    /// <summary>
    /// The snapshot as the controller keeps it: grouped by environment as SharedObservation groups it (its own list and
    /// the observation as read are not kept). A method of its own, so that no temporary of the caller (unoptimised code
    /// keeps them to the end of the method) holds what the controller drops.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static (IReadOnlySet<ResourceKind> Kinds, IReadOnlyDictionary<string, ObservedResource[]> ByEnvironment) Snapshot(List<ResourceGraph> graphs)
    {
        var read = SteadyState.AsRead(SteadyState.Of(graphs));
        return (read.Kinds, SharedObservation.ByEnvironment(read, graphs));
    }

    private static long WorkingSet()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }

    private static string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("N1", CultureInfo.InvariantCulture) + " MB";

    private static string Kb(long bytes) => (bytes / 1024.0).ToString("N1", CultureInfo.InvariantCulture) + " KB";
}
