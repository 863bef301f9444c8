using System.Diagnostics;
using System.Globalization;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;

namespace Reconciler.Bench.Pure;

/// <summary>
/// Process CPU time (all threads, the GC's included) of load + validate + graph + plan of 1,000 environments, the
/// figure the target names; BenchmarkDotNet measures wall time per operation. Median of several rounds after a warm-up.
/// </summary>
internal static class CpuMeasurement
{
    public static IReadOnlyList<string> Run(int rounds)
    {
        var texts = SampleSpecs.Many("cpu", PlannerBenchmarks.Environments);
        var empty = ObservedState.Empty(ResourceKinds.All);
        var steadyStates = texts.Select(t => SteadyState.Of(SampleSpecs.Load(t).Graph)).ToList();
        var options = new PlanOptions(Prune: true);

        (TimeSpan Cpu, TimeSpan Wall) Round()
        {
            var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            var wall = Stopwatch.StartNew();
            for (var i = 0; i < texts.Count; i++)
            {
                var graph = SampleSpecs.Load(texts[i]).Graph;
                Consume(Planner.Plan(graph, empty, options));
                Consume(Planner.Plan(graph, steadyStates[i], options));
            }

            wall.Stop();
            process.Refresh();
            return (process.TotalProcessorTime - cpu, wall.Elapsed);
        }

        Round();
        var measured = Enumerable.Range(0, rounds).Select(_ => Round()).OrderBy(r => r.Cpu).ToList();
        var median = measured[measured.Count / 2];
        var met = median.Cpu < TimeSpan.FromSeconds(1);
        return
        [
            "| Measure (1,000 environments, one thread) | CPU time | Wall time |",
            "| --- | --- | --- |",
            $"| load + validate + graph + plan from empty + plan steady, median of {rounds} | {Ms(median.Cpu)} | {Ms(median.Wall)} |",
            $"| the same, fastest / slowest round (CPU) | {Ms(measured[0].Cpu)} / {Ms(measured[^1].Cpu)} | |",
            string.Empty,
            $"Target: load, validate and plan of 1,000 environments under 1 s of CPU: **{(met ? "met" : "not met")}** ({Ms(median.Cpu)}).",
        ];
    }

    private static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("N0", CultureInfo.InvariantCulture) + " ms";

    private static void Consume(Plan plan)
    {
        if (plan.Steps.Count == 0)
        {
            throw new InvalidOperationException("a plan of the sample has steps");
        }
    }
}
