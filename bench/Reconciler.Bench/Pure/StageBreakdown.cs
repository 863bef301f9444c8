using System.Diagnostics;
using System.Globalization;
using Reconciler.Controller;
using Reconciler.Web;
using Reconciler.Model.Graph;
using Reconciler.Model.Loading;
using Reconciler.Model.Planning;
using Reconciler.Model.Spec;
using Reconciler.Model.Validation;
using Reconciler.Model.Yaml;

namespace Reconciler.Bench.Pure;

/// <summary>
/// Where the pure core's CPU time and bytes go, stage by stage (issue 14's "profile first"): each stage runs over all
/// 1,000 environments, one environment after the other, each stage on the outputs of the one before; each stage's
/// thread CPU time (<see cref="ThreadCpu"/>: the machine's other load does not count, a GC this thread runs does) and the
/// bytes it allocates (<see cref="GC.GetAllocatedBytesForCurrentThread"/>) are added up per stage. Median of several rounds. Then
/// what a catalog entry retains, part by part (document, source positions, diagnostics, graph, last plan, dashboard record).
/// </summary>
internal static class StageBreakdown
{
    private sealed record Stage(string Name, Func<int, object?> Run);

    public static IReadOnlyList<string> Run(int rounds)
    {
        var texts = SampleSpecs.Many("stage", PlannerBenchmarks.Environments);
        var n = texts.Count;
        YNode? tree = null;
        var context = new BindContext("environment.yaml");
        EnvironmentDocument? document = null;
        ResourceGraph? graph = null;
        var steady = texts.Select(t => SteadyState.Of(SampleSpecs.Load(t).Graph)).ToArray();
        var empty = ObservedState.Empty(ResourceKinds.All);
        var options = new PlanOptions(Prune: true);
        // One environment after the other, as the pipeline runs: each stage takes the outputs of the one before.
        var stages = new[]
        {
            new Stage("YAML parse (text to a tree with positions)", i => tree = YamlTreeReader.Read(texts[i]).Root),
            new Stage("binding (tree to records, types, unknown keys)", _ =>
            {
                context = new BindContext("environment.yaml");
                return document = SpecBinder.Bind(tree!, context);
            }),
            new Stage("checks (SpecValidator: the whole document)", _ => SpecValidator.Validate(document!, context.Positions)),
            new Stage("graph expansion and sort", _ => graph = GraphBuilder.Build(document!).Graph!),
            new Stage("plan from empty", _ => Planner.Plan(graph!, empty, options)),
            new Stage("plan steady", i => Planner.Plan(graph!, steady[i], options)),
        };

        var samples = stages.ToDictionary(s => s.Name, _ => new List<(double Ms, long Bytes)>());
        var processCpu = new List<double>();
        for (var round = 0; round <= rounds; round++)
        {
            GC.Collect();
            var ticks = new long[stages.Length];
            var bytes = new long[stages.Length];
            var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            for (var i = 0; i < n; i++)
            {
                for (var s = 0; s < stages.Length; s++)
                {
                    var startBytes = GC.GetAllocatedBytesForCurrentThread();
                    var start = ThreadCpu.Now();
                    stages[s].Run(i);
                    ticks[s] += ThreadCpu.Now() - start;
                    bytes[s] += GC.GetAllocatedBytesForCurrentThread() - startBytes;
                }
            }

            process.Refresh();
            if (round > 0)
            {
                processCpu.Add((process.TotalProcessorTime - cpu).TotalMilliseconds);
                for (var s = 0; s < stages.Length; s++)
                {
                    samples[stages[s].Name].Add((ticks[s] / 1e6, bytes[s]));
                }
            }
        }

        var lines = new List<string>
        {
            $"| Stage (1,000 environments, one thread, one environment after the other; median of {rounds}) | thread CPU time (the GC's on this thread included) | allocated |",
            "| --- | ---: | ---: |",
        };
        double totalCpu = 0;
        long totalBytes = 0;
        foreach (var stage in stages)
        {
            var cpu = Median(samples[stage.Name].Select(s => s.Ms));
            var bytes = (long)Median(samples[stage.Name].Select(s => (double)s.Bytes));
            totalCpu += cpu;
            totalBytes += bytes;
            lines.Add($"| {stage.Name} | {Ms(cpu)} | {Mb(bytes)} |");
        }

        lines.Add($"| **sum** | **{Ms(totalCpu)}** | **{Mb(totalBytes)}** |");
        lines.Add($"| process CPU time of the same rounds (all threads, the GC's included) | {Ms(Median(processCpu))} | |");
        lines.Add(string.Empty);
        lines.AddRange(Retained(texts, options));
        return lines;
    }

    /// <summary>
    /// What a catalog entry keeps, part by part: for k = 1..6 the first k parts of 1,000 fresh loads are kept and the heap
    /// measured after a full collection; the difference between k and k - 1 is part k, so what a part shares with an
    /// earlier one (the graph's strings are the document's, the plan's desired resources are the graph's) counts once.
    /// </summary>
    private static IEnumerable<string> Retained(IReadOnlyList<string> texts, PlanOptions options)
    {
        Plan? lastPlan = null;
        var history = new DashboardHistory(TimeProvider.System);
        var parts = new (string Name, Func<LoadedSpec, int, object?> Part)[]
        {
            ("the spec records (EnvironmentDocument)", (l, _) => l.Document),
            ("source positions (SourceMap)", (l, _) => l.Positions),
            ("diagnostics (warnings of a valid spec)", (l, _) => l.Diagnostics),
            ("the graph (desired resources)", (l, _) => l.Graph),
            ("the last plan, with the observed resources it holds (as read, kept as the snapshot keeps them)", (l, _) =>
            {
                var read = SteadyState.AsRead(SteadyState.Of(l.Graph!));
                return lastPlan = Planner.Plan(l.Graph!, new ObservedState([.. SharedObservation.ByEnvironment(read, [l.Graph!])[l.Graph!.Environment]], read.Kinds), options);
            }),
            ("the dashboard's record of the last pass (DashboardHistory)", (l, _) =>
            {
                history.Record(l.Graph!.Environment, new ReconcileResult(ReconcileOutcome.Done) { Plan = lastPlan, State = "in sync" }, TimeSpan.FromMinutes(5));
                return null;
            }),
        };

        var lines = new List<string>
        {
            "| Retained by a catalog entry (1,000 environments), part by part | per environment | 1,000 |",
            "| --- | ---: | ---: |",
        };
        long previous = 0;
        var before = GC.GetTotalMemory(forceFullCollection: true);
        for (var k = 1; k <= parts.Length; k++)
        {
            history = new DashboardHistory(TimeProvider.System);
            var keep = new List<object?>(texts.Count * k);
            for (var i = 0; i < texts.Count; i++)
            {
                var loaded = SpecPipeline.Expand(SpecLoader.LoadText(texts[i], "environment.yaml"));
                keep.AddRange(parts.Take(k).Select(p => p.Part(loaded, i)));
            }

            var retained = GC.GetTotalMemory(forceFullCollection: true) - before;
            GC.KeepAlive(history);
            keep.Clear();
            keep.TrimExcess();
            lines.Add($"| {parts[k - 1].Name} | {Kb((retained - previous) / texts.Count)} | {Mb(retained - previous)} |");
            previous = retained;
        }

        lines.Add($"| **all** | **{Kb(previous / texts.Count)}** | **{Mb(previous)}** |");
        return lines;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static string Ms(double ms) => ms.ToString("N0", CultureInfo.InvariantCulture) + " ms";

    private static string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("N1", CultureInfo.InvariantCulture) + " MB";

    private static string Kb(long bytes) => (bytes / 1024.0).ToString("N1", CultureInfo.InvariantCulture) + " KB";
}
