using System.Diagnostics;
using System.Globalization;
using Reconciler.Model.Graph;
using Reconciler.Model.Loading;
using Reconciler.Model.Planning;

namespace Reconciler.Bench.Pure;

/// <summary>
/// Retained memory of a controller-like catalog of 1,000 environments: each loaded spec (document, source positions,
/// diagnostics), its graph and its last plan (which holds the observed resources it was made against). Measured in a
/// process of its own, so nothing else is on the heap.
/// </summary>
internal static class CatalogMemory
{
    private sealed record Entry(LoadedSpec Spec, ResourceGraph Graph, Plan LastPlan);

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
            catalog.Add(new Entry(spec, graph, Planner.Plan(graph, SteadyState.Of(graph), options)));
        }

        texts = [];
        var heapAfter = GC.GetTotalMemory(forceFullCollection: true);
        var workingSet = WorkingSet();
        var retained = heapAfter - heapBefore;
        GC.KeepAlive(catalog);
        var met = workingSet < 300L * 1024 * 1024;
        return
        [
            "| Measure (1,000 environments: spec + graph + last plan) | Value |",
            "| --- | --- |",
            $"| managed heap retained by the catalog (GC.GetTotalMemory(true) after - before) | {Mb(retained)} ({Kb(retained / catalog.Count)} per environment) |",
            $"| process working set with the catalog loaded | {Mb(workingSet)} (before loading: {Mb(workingSetBefore)}) |",
            string.Empty,
            $"Target: controller memory for 1,000 environments under 300 MB: **{(met ? "met" : "not met")}** (working set {Mb(workingSet)}).",
        ];
    }

    private static long WorkingSet()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }

    private static string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("N1", CultureInfo.InvariantCulture) + " MB";

    private static string Kb(long bytes) => (bytes / 1024.0).ToString("N1", CultureInfo.InvariantCulture) + " KB";
}
