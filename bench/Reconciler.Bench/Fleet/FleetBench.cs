using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Reconciler.Aws;
using Reconciler.Controller;
using Reconciler.Engine;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;

namespace Reconciler.Bench.Fleet;

/// <summary>
/// The fleet benchmark: its own moto_server, the engine as AwsComposition wires it, N environments applied from empty,
/// then steady-state resyncs in three modes measured in the same process (see bench/README.md).
/// </summary>
internal static class FleetBench
{
    public const string Region = "ap-northeast-1";

    private static readonly PlanOptions Options = new(Prune: true);

    public static async Task<IReadOnlyList<string>> RunAsync(FleetOptions options, CancellationToken ct)
    {
        using var moto = await MotoProcess.StartAsync(ct).ConfigureAwait(false);
        var timings = new CallTimings();
        Func<HttpMessageHandler, HttpMessageHandler> wrap = h => new TimingHandler(h, timings);
        // The engine logs into the timeline of (c) (bench/out/timeline-*.txt), and nowhere else.
        using var loggers = LoggerFactory.Create(b => b.ClearProviders().SetMinimumLevel(LogLevel.Debug).AddProvider(new TimelineLoggerProvider(timings.Timeline)));
        using var aws = new AwsComposition(loggers, TimeProvider.System, wrapHandler: wrap);
        using var sdk = new AwsClientFactory(wrap);
        var baseline = new PerResourceReader(aws, sdk, Region);
        var report = new FleetReport(options);
        var graphs = new List<ResourceGraph>();
        Progress($"moto_server on {moto.Endpoint}");

        // A probe environment first, its requests sent one at a time: the emulator's own latency of each operation,
        // uncontended, to price the dependency chains of (c). It also warms up the JIT and moto's backends, and
        // creates what environments share (the IAM roles, the hosted zone).
        timings.Serial = true;
        var probeWall = Stopwatch.StartNew();
        var probe = await aws.Engine.ApplyAsync(SampleSpecs.Load(SampleSpecs.For("probe-0000")).Graph, Options, ct).ConfigureAwait(false);
        timings.Serial = false;
        report.Probe = (probeWall.Elapsed, probe.Converged, timings.Snapshot());
        Progress($"probe converged={probe.Converged} in {probeWall.Elapsed.TotalSeconds:F1} s, requests one at a time" + Problems(probe));

        // (c) the first environment of the fleet, alone.
        var first = Graph(1);
        report.Chains.Add(await ConvergeAlone("one environment, account holding only the probe", first, aws, timings.Timeline, report.Probe.Latencies, ct).ConfigureAwait(false));
        graphs.Add(first);

        foreach (var size in options.Sizes.Order())
        {
            if (size > graphs.Count)
            {
                var added = Enumerable.Range(graphs.Count + 1, size - graphs.Count).Select(Graph).ToList();
                report.Applies.Add(await ApplyMany(added, graphs.Count, options.ApplyParallelism, aws, ct).ConfigureAwait(false));
                graphs.AddRange(added);
            }

            var fleet = graphs.Take(size).ToList();
            // Warm-up (not counted): JIT, caches, and the ids the per-resource baseline reads by, as Terraform's state holds them.
            var state = await aws.Engine.ObserveAsync(Region, fleet, ct).ConfigureAwait(false);
            var resources = fleet.Sum(g => g.Resources.Count);
            report.Modes.Add(await Measure("shared", fleet, resources, aws, moto, async () =>
            {
                var observed = await aws.Engine.ObserveAsync(Region, fleet, ct).ConfigureAwait(false);
                return fleet.Count(g => Planner.Plan(g, observed, Options).HasChanges);
            }).ConfigureAwait(false));
            // The controller's steady state: the same shared observation, with each environment's per-resource details
            // (VPC DNS settings, bucket settings, ECS services) read in full every K-th refresh (SharedObservation's
            // rotation, --detail-every K); K refreshes are measured, the figures are per refresh.
            var rotation = new SharedObservation(aws.Engine, TimeProvider.System, TimeSpan.Zero, NullLogger.Instance, options.DetailEvery);
            var names = fleet.Select(g => g.Environment).ToList();
            await aws.Engine.ObserveAsync(Region, fleet, ct, rotation.NextDetailed(Region, names)).ConfigureAwait(false); // the first turn reads all in full
            var rotating = await Measure(ControllerMode(options.DetailEvery), fleet, resources, aws, moto, async () =>
            {
                var changed = 0;
                for (var turn = 0; turn < options.DetailEvery; turn++)
                {
                    var observed = await aws.Engine.ObserveAsync(Region, fleet, ct, rotation.NextDetailed(Region, names)).ConfigureAwait(false);
                    changed = Math.Max(changed, fleet.Count(g => Planner.Plan(g, observed, Options).HasChanges));
                }

                return changed;
            }).ConfigureAwait(false);
            report.Modes.Add(rotating.PerRound(options.DetailEvery));
            if (size > options.PerEnvironmentUpTo)
            {
                Progress($"N={size} per-environment: not measured (above --per-environment-up-to {options.PerEnvironmentUpTo})");
            }
            else
            {
            report.Modes.Add(await Measure("per-environment", fleet, resources, aws, moto, async () =>
            {
                var changed = 0;
                await Parallel.ForEachAsync(fleet, new ParallelOptions { MaxDegreeOfParallelism = options.Workers, CancellationToken = ct }, async (g, c) =>
                {
                    var observed = await aws.Engine.ObserveAsync(Region, [g], c).ConfigureAwait(false);
                    if (Planner.Plan(g, observed, Options).HasChanges)
                    {
                        Interlocked.Increment(ref changed);
                    }
                }).ConfigureAwait(false);
                return changed;
            }).ConfigureAwait(false));
            }

            var byEnvironment = state.Resources.ToLookup(r => r.Environment, StringComparer.Ordinal);
            report.Modes.Add(await Measure("per-resource (baseline)", fleet, resources, aws, moto, async () =>
            {
                await Parallel.ForEachAsync(fleet, new ParallelOptions { MaxDegreeOfParallelism = options.Workers, CancellationToken = ct },
                    async (g, c) => await baseline.ReadAllAsync(byEnvironment[g.Environment], c).ConfigureAwait(false)).ConfigureAwait(false);
                return 0;
            }).ConfigureAwait(false));
        }

        // (c) again, in an account that holds the whole fleet: observation then reads what the account holds.
        report.Chains.Add(await ConvergeAlone($"one more environment, account of {graphs.Count}", Graph(graphs.Count + 1), aws, timings.Timeline, report.Probe.Latencies, ct).ConfigureAwait(false));
        return report.Lines(motoVersionEndpoint: moto.Endpoint);
    }

    /// <summary>The name of the mode that observes as the controller does, with details every <paramref name="k"/>-th refresh.</summary>
    public static string ControllerMode(int k) => $"shared, controller (details every {k}th)";

    private static ResourceGraph Graph(int index) => SampleSpecs.Load(SampleSpecs.For(SampleSpecs.EnvironmentName("fleet", index))).Graph;

    private static async Task<ChainResult> ConvergeAlone(string label, ResourceGraph graph, AwsComposition aws, Timeline timeline, Latencies latencies, CancellationToken ct)
    {
        var before = aws.Metrics.Snapshot();
        var budgetBefore = aws.Budget?.Waits() ?? new Dictionary<string, (long Calls, TimeSpan Waited)>();
        timeline.Start();
        var wall = Stopwatch.StartNew();
        var result = await aws.Engine.ApplyAsync(graph, Options, ct).ConfigureAwait(false);
        wall.Stop();
        timeline.Stop();
        var delta = Delta(before, aws.Metrics.Snapshot());
        Progress($"{graph.Environment} converged={result.Converged} in {wall.Elapsed.TotalSeconds:F1} s" + Problems(result));
        // Where the wall time above the chain goes: the timeline of requests and engine log lines, and the API budget's
        // waits by bucket during this apply.
        var budget = (aws.Budget?.Waits() ?? new Dictionary<string, (long Calls, TimeSpan Waited)>())
            .Select(kv => (kv.Key, Calls: kv.Value.Calls - budgetBefore.GetValueOrDefault(kv.Key).Calls, Waited: kv.Value.Waited - budgetBefore.GetValueOrDefault(kv.Key).Waited))
            .Where(b => b.Calls > 0)
            .Select(b => FormattableString.Invariant($"budget {b.Key}: {b.Calls} calls waited {b.Waited.TotalMilliseconds:F0} ms in all"))
            .ToList();
        var file = Path.Combine(SampleSpecs.RepoRoot, "bench", "out", $"timeline-{graph.Environment}.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllLinesAsync(file, [$"{label}: {wall.Elapsed.TotalMilliseconds:F0} ms, {result.Passes} passes", .. budget, .. timeline.Lines()], ct).ConfigureAwait(false);
        Progress($"{graph.Environment} timeline in {file}; " + (budget.Count == 0 ? "no budget waits" : string.Join("; ", budget)));
        return CriticalPath.Of(label, graph, result, wall.Elapsed, delta, latencies);
    }

    private static async Task<ApplyBatch> ApplyMany(List<ResourceGraph> added, int already, int parallelism, AwsComposition aws, CancellationToken ct)
    {
        var before = aws.Metrics.Snapshot();
        var failed = new List<string>();
        var done = 0;
        var wall = Stopwatch.StartNew();
        await Parallel.ForEachAsync(added, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct }, async (g, c) =>
        {
            var result = await aws.Engine.ApplyAsync(g, Options, c).ConfigureAwait(false);
            if (Interlocked.Increment(ref done) % 10 == 0)
            {
                Progress($"applied {done} of {added.Count} in {wall.Elapsed.TotalSeconds:F0} s");
            }

            if (!result.Converged)
            {
                lock (failed)
                {
                    failed.Add(g.Environment + Problems(result));
                }
            }
        }).ConfigureAwait(false);
        wall.Stop();
        var calls = Delta(before, aws.Metrics.Snapshot()).Values.Sum();
        Progress($"applied {added.Count} environments (to {already + added.Count}) in {wall.Elapsed.TotalSeconds:F0} s, {failed.Count} not converged");
        return new ApplyBatch(already, already + added.Count, parallelism, wall.Elapsed, calls, failed);
    }

    private static async Task<ModeResult> Measure(string mode, List<ResourceGraph> fleet, int resources, AwsComposition aws, MotoProcess moto, Func<Task<int>> resync)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        var before = aws.Metrics.Snapshot();
        var cpu = process.TotalProcessorTime;
        var motoCpu = moto.CpuTime();
        using var sampler = new PeakSampler();
        var wall = Stopwatch.StartNew();
        var changed = await resync().ConfigureAwait(false);
        wall.Stop();
        process.Refresh();
        var delta = Delta(before, aws.Metrics.Snapshot());
        var byService = delta.GroupBy(kv => kv.Key.Service, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value), StringComparer.Ordinal);
        var mutating = delta.Where(kv => AwsCallMetrics.IsMutating(kv.Key.Operation)).Sum(kv => kv.Value);
        var result = new ModeResult(mode, fleet.Count, resources, byService, mutating, wall.Elapsed, process.TotalProcessorTime - cpu,
            moto.CpuTime() - motoCpu, sampler.Peak, changed);
        Progress($"N={result.Environments} {result.Mode}: {result.Calls} calls, {result.Wall.TotalSeconds:F1} s");
        return result;
    }

    /// <summary>Calls (every attempt) between two AwsCallMetrics snapshots, by (service, operation, outcome).</summary>
    public static Dictionary<(string Service, string Operation, string Outcome), long> Delta(
        IReadOnlyDictionary<(string Service, string Operation, string Outcome), long> before,
        IReadOnlyDictionary<(string Service, string Operation, string Outcome), long> after) =>
        after.Select(kv => (kv.Key, Value: kv.Value - before.GetValueOrDefault(kv.Key)))
            .Where(x => x.Value > 0)
            .ToDictionary(x => x.Key, x => x.Value);

    private static string Problems(ApplyResult result) =>
        result.Converged ? string.Empty : ": " + string.Join("; ", result.Failed.Select(f => $"{f.Step.LogicalId} failed: {f.Message}")
            .Concat(result.Waiting.Select(w => $"{w.Step.LogicalId} waiting: {w.Message}"))
            .Concat(result.FinalPlan.Changes.Select(s => $"{s.LogicalId} still {s.Action}: {s.Reason}")).Take(5));

    private static void Progress(string message) => Console.Error.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {message}");
}
