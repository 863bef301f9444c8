using System.Globalization;
using Reconciler.Bench.Fleet;

namespace Reconciler.Bench.Scale;

/// <summary>The scale run's figures as markdown: the seeding's growth, one environment's observation by account size, the resyncs.</summary>
internal sealed class ScaleReport(ScaleOptions options)
{
    public List<SeedWindow> Windows { get; } = [];

    public List<string> SeedFailures { get; } = [];

    public List<ObservationProbe> Probes { get; } = [];

    public List<ScaleTurn> Turns { get; } = [];

    public List<string> Repaired { get; } = [];

    public TimeSpan SeedWall { get; set; }

    public int Reached { get; set; }

    public string MotoVersionEndpoint { get; set; } = string.Empty;

    public IReadOnlyList<string> Lines()
    {
        var lines = new List<string>
        {
            $"Aimed at {options.Environments:N0} environments, reached **{Reached:N0}** (plus the probe environment) in {Sec(SeedWall)} of seeding " +
            $"({options.Parallel} at once, time box until {options.SeedUntil:HH:mm} UTC); {SeedFailures.Count} environments with seeding problems. " +
            $"Region {FleetBench.Region}, moto_server on loopback, MOTO_ACM_VALIDATION_WAIT=2; controller detail rotation K={options.DetailEvery}.",
            string.Empty,
            "#### Seeding, window by window (DirectSeeder: the engine's plan from empty and executor, no account listing)",
            string.Empty,
            "| environments | wall | environments/s | AWS calls | per environment | mutating | mean latency per call | moto_server CPU | moto CPU per call |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        };
        lines.AddRange(Windows.Select(w =>
            $"| {w.From}..{w.To} | {Sec(w.Wall)} | {w.Count / w.Wall.TotalSeconds:F2} | {w.Calls:N0} | {(double)w.Calls / w.Count:F1} | {w.Mutating:N0} | " +
            $"{w.MeanLatency.TotalMilliseconds:F0} ms | {Sec(w.MotoCpu)} | {(w.Calls == 0 ? 0 : w.MotoCpu.TotalMilliseconds / w.Calls):F1} ms |"));
        if (SeedFailures.Count > 0)
        {
            lines.AddRange([string.Empty, "Seeding problems (first 10):", string.Empty]);
            lines.AddRange(SeedFailures.Take(10).Select(f => "- " + f));
        }

        lines.AddRange([string.Empty, "#### One environment observed alone (one engine pass), by account size", string.Empty,
            "| environments in the account | AWS calls | wall | moto_server CPU | slowest operations (mean latency) |", "| ---: | ---: | ---: | ---: | --- |"]);
        lines.AddRange(Probes.Select(p => $"| {p.AccountEnvironments:N0} | {p.Calls} | {Sec(p.Wall)} | {Sec(p.MotoCpu)} | " +
            string.Join(", ", p.Slowest.Select(s => $"{s.Operation} {s.Mean.TotalMilliseconds:F0} ms")) + " |"));

        lines.AddRange([string.Empty, "#### The controller's resyncs of the whole fleet (shared observation, a plan per environment)", string.Empty,
            "| resync | environments | read in detail | AWS calls | mutating | wall | CPU (bench) | CPU (moto_server) | peak working set (bench) | moto_server RSS | plans with changes | throttling answers | budget waits |",
            "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]);
        lines.AddRange(Turns.Select(t => $"| {t.Turn} | {t.Environments:N0} | {t.Detailed:N0} | {t.Total:N0} | " +
            $"{t.Calls.Where(kv => Aws.AwsCallMetrics.IsMutating(kv.Key.Operation)).Sum(kv => kv.Value)} | {Sec(t.Wall)} | {Sec(t.Cpu)} | {Sec(t.MotoCpu)} | " +
            $"{Mb(t.PeakWorkingSet)} | {Mb(t.MotoWorkingSet)} | {t.PlansWithChanges} | {t.Throttled} | " +
            (t.BudgetWaits.Count == 0 ? "none" : string.Join(", ", t.BudgetWaits.Select(w => $"{w.Key} {w.Value.Calls} ({Sec(w.Value.Waited)})"))) + " |"));
        foreach (var t in Turns.Where(t => t.Changes.Count > 0))
        {
            lines.AddRange([string.Empty, $"Changes in resync {t.Turn} (first 10 of {t.Changes.Count}):", string.Empty]);
            lines.AddRange(t.Changes.Take(10).Select(c => "- " + c));
        }

        if (Repaired.Count > 0)
        {
            lines.AddRange([string.Empty, $"Left out of the later resyncs because resync 1 showed changes for them ({Repaired.Count}): {string.Join(", ", Repaired)}"]);
        }

        var operations = Turns.SelectMany(t => t.Calls.Keys.Select(k => (k.Service, k.Operation))).Distinct().Order().ToList();
        lines.AddRange([string.Empty, "#### Calls per service and operation, per resync (count / average per second over the resync / highest in one second)", string.Empty,
            $"| service | operation |{string.Concat(Turns.Select(t => $" resync {t.Turn} |"))}", $"| --- | --- |{string.Concat(Turns.Select(_ => " ---: |"))}"]);
        foreach (var (service, operation) in operations)
        {
            lines.Add($"| {service} | {operation} |" + string.Concat(Turns.Select(t =>
            {
                var n = t.Calls.Where(kv => kv.Key.Service == service && kv.Key.Operation == operation).Sum(kv => kv.Value);
                var peak = t.Rates.Where(kv => kv.Key.Operation == operation && SameService(service, kv.Key.Service)).Select(kv => kv.Value.PeakPerSecond).DefaultIfEmpty(0).Max();
                return n == 0 ? " 0 |" : $" {n:N0} / {n / t.Wall.TotalSeconds:F2} / {peak} |";
            })));
        }

        var buckets = Turns.SelectMany(t => t.PeakByBucket.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        lines.AddRange([string.Empty, "Highest requests in one second per API budget bucket (the budget's buckets follow AWS's published ones):", string.Empty,
            $"| bucket |{string.Concat(Turns.Select(t => $" resync {t.Turn} |"))}", $"| --- |{string.Concat(Turns.Select(_ => " ---: |"))}"]);
        lines.AddRange(buckets.Select(b => $"| {b} |" + string.Concat(Turns.Select(t => $" {t.PeakByBucket.GetValueOrDefault(b)} |"))));
        return lines;
    }

    /// <summary>AwsCallMetrics names ELBv2 "elbv2", the SigV4 scope (the timing handler) "elasticloadbalancing".</summary>
    private static bool SameService(string metrics, string scope) => metrics == scope || (metrics == "elbv2" && scope == "elasticloadbalancing");

    private static string Sec(TimeSpan t) => t.TotalSeconds >= 10 ? t.TotalSeconds.ToString("N1", CultureInfo.InvariantCulture) + " s" : t.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture) + " s";

    private static string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("F0", CultureInfo.InvariantCulture) + " MB";
}
