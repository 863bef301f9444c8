using System.Globalization;
using Reconciler.Model.Graph;

namespace Reconciler.Bench.Fleet;

/// <summary>The fleet benchmark's figures as markdown tables, with the issue's targets judged met or not met.</summary>
internal sealed class FleetReport(FleetOptions options)
{
    public List<ChainResult> Chains { get; } = [];

    /// <summary>The probe environment's apply, its requests one at a time, and the latencies it measured.</summary>
    public (TimeSpan Wall, bool Converged, Latencies Latencies) Probe { get; set; } = (TimeSpan.Zero, false, new Latencies(new Dictionary<(string, string), (long, TimeSpan)>()));

    public List<ApplyBatch> Applies { get; } = [];

    public List<ModeResult> Modes { get; } = [];

    public IReadOnlyList<string> Lines(string motoVersionEndpoint)
    {
        var lines = new List<string>
        {
            $"Fleet sizes {string.Join(", ", options.Sizes)}; applies {options.ApplyParallelism} environments at once; the per-environment and " +
            $"per-resource modes resync {options.Workers} environments at once (the controller's default workers). Region {FleetBench.Region}, " +
            $"moto_server at {new Uri(motoVersionEndpoint).Host} (loopback), RECONCILER_POLL_CAP=300ms, MOTO_ACM_VALIDATION_WAIT=2.",
            string.Empty,
            "### (a, b, d) Steady-state resync",
            string.Empty,
            "| N | mode | AWS calls | per environment | per resource | mutating | wall | CPU (bench process) | CPU (moto_server) | peak working set | plans with changes |",
            "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        };
        lines.AddRange(Modes.Select(m =>
            $"| {m.Environments} | {m.Mode} | {m.Calls:N0} | {Per(m.Calls, m.Environments)} | {Per(m.Calls, m.Resources)} | {m.MutatingCalls} | " +
            $"{Sec(m.Wall)} | {Sec(m.Cpu)} | {Sec(m.MotoCpu)} | {Mb(m.PeakWorkingSet)} | {m.PlansWithChanges} |"));

        var services = Modes.SelectMany(m => m.CallsByService.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        lines.AddRange([string.Empty, "Calls by service (total, and per environment in brackets):", string.Empty,
            $"| N | mode | {string.Join(" | ", services)} |", $"| ---: | --- |{string.Concat(services.Select(_ => " ---: |"))}"]);
        lines.AddRange(Modes.Select(m => $"| {m.Environments} | {m.Mode} | " +
            string.Join(" | ", services.Select(s => m.CallsByService.GetValueOrDefault(s) is var n and > 0 ? $"{n:N0} ({Per(n, m.Environments)})" : "0")) + " |"));

        lines.AddRange([string.Empty, "Baseline / shared ratio of AWS calls per resync (the controller's mode: one shared observation, details every K-th):", string.Empty,
            "| N | per-resource calls (baseline) | shared, all in full | ratio | shared, controller | ratio | per-environment calls | ratio to baseline |",
            "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]);
        foreach (var n in Modes.Select(m => m.Environments).Distinct())
        {
            var shared = Find(n, "shared");
            var controller = Find(n, FleetBench.ControllerMode(options.DetailEvery));
            var perEnv = Modes.SingleOrDefault(m => m.Environments == n && m.Mode == "per-environment");
            var baseline = Find(n, "per-resource (baseline)");
            lines.Add($"| {n} | {baseline.Calls:N0} | {shared.Calls:N0} | {Ratio(baseline.Calls, shared.Calls)} | {controller.Calls:N0} | {Ratio(baseline.Calls, controller.Calls)} | " +
                      (perEnv is null ? "not measured | - |" : $"{perEnv.Calls:N0} | {Ratio(baseline.Calls, perEnv.Calls)} |"));
        }

        lines.AddRange([string.Empty, "### Applying the fleet from empty", string.Empty,
            "| environments | at once | wall | wall per environment | AWS calls | not converged |", "| --- | ---: | ---: | ---: | ---: | --- |"]);
        lines.AddRange(Applies.Select(a =>
            $"| {a.From + 1}..{a.To} | {a.Parallelism} | {Sec(a.Wall)} | {Sec(a.Wall / (a.To - a.From))} | {a.Calls:N0} | {(a.NotConverged.Count == 0 ? "none" : string.Join("<br>", a.NotConverged))} |"));

        lines.AddRange([string.Empty, "### (c) Convergence of one environment from empty against its longest dependency chain", string.Empty,
            "| case | wall | converged | passes | AWS calls (mutating) | chain: create calls | chain: AWS-side waits | chain total | wall / chain |",
            "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |"]);
        lines.AddRange(Chains.Select(c =>
            $"| {c.Label} | {Sec(c.Wall)} | {(c.Converged ? "yes" : "no")} | {c.Passes} | {c.Calls:N0} ({c.MutatingCalls}) | {Sec(c.ChainCalls)} | {Sec(c.Waits)} | {Sec(c.ChainCalls + c.Waits)} | {c.Ratio:F2} |"));
        lines.AddRange([string.Empty,
            $"Chains are priced with the latencies of a probe environment applied first with its requests sent one at a time " +
            $"(uncontended: {Probe.Latencies.Count:N0} requests; that apply took {Sec(Probe.Wall)}, converged: {(Probe.Converged ? "yes" : "no")}); " +
            "each node costs the mutating calls its kind made in the measured apply (AwsCallMetrics), at those latencies, shared among the kind's nodes. " +
            "Reads (observation passes, polls) are not priced: the chain is a lower bound."]);
        foreach (var c in Chains)
        {
            lines.Add(string.Empty);
            lines.Add($"Longest chain ({c.Label}): {string.Join(" -> ", c.Chain)}." +
                (c.Unattributed.Count > 0 ? $" Mutating calls not priced on any node: {string.Join(", ", c.Unattributed)}." : string.Empty));
        }

        lines.AddRange([string.Empty, "### Targets (fleet)", string.Empty]);
        lines.AddRange(Targets());
        return lines;
    }

    private IEnumerable<string> Targets()
    {
        var largest = Modes.Max(m => m.Environments);
        var shared = Find(largest, FleetBench.ControllerMode(options.DetailEvery));
        var baseline = Find(largest, "per-resource (baseline)");
        var ratio = (double)baseline.Calls / shared.Calls;
        var kinds = ResourceKinds.All.Count;
        // "About 2 calls per resource type plus pagination": pagination allowed as one more call per 100 resources.
        var allowance = (2 * kinds) + (int)Math.Ceiling(shared.Resources / 100.0);
        var label = largest == 100 ? "100 environments" : $"{largest} environments (the largest N run; the target names 100)";
        yield return $"- Steady-state resync of {label}: at least 20 times fewer AWS calls than the per-resource baseline (the controller's mode, details every {options.DetailEvery}th resync): " +
                     $"**{Verdict(ratio >= 20)}** (ratio {ratio:F1}: {baseline.Calls:N0} / {shared.Calls:N0}).";
        yield return $"- ... and no more than about 2 calls per resource type plus pagination ({kinds} types: at most {allowance}, " +
                     $"allowing one page per 100 resources): **{Verdict(shared.Calls <= allowance)}** ({shared.Calls:N0} calls, {(double)shared.Calls / kinds:F1} per type).";
        foreach (var c in Chains)
        {
            yield return $"- Convergence from empty within 1.2 times the longest dependency chain ({c.Label}): **{Verdict(c.Converged && c.Ratio <= 1.2)}** " +
                         $"({Sec(c.Wall)} against {Sec(c.ChainCalls + c.Waits)}: {c.Ratio:F2} times).";
        }
    }

    private ModeResult Find(int n, string mode) => Modes.Single(m => m.Environments == n && m.Mode == mode);

    private static string Verdict(bool met) => met ? "met" : "not met";

    private static string Per(long calls, int count) => ((double)calls / count).ToString("N1", CultureInfo.InvariantCulture);

    private static string Ratio(long a, long b) => b == 0 ? "-" : ((double)a / b).ToString("N1", CultureInfo.InvariantCulture);

    private static string Sec(TimeSpan t) => t.TotalSeconds.ToString(t.TotalSeconds < 10 ? "N2" : "N1", CultureInfo.InvariantCulture) + " s";

    private static string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("N0", CultureInfo.InvariantCulture) + " MB";
}
