using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Reconciler.Aws;
using Reconciler.Bench.Fleet;
using Reconciler.Controller;
using Reconciler.Engine;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;

namespace Reconciler.Bench.Scale;

/// <summary>
/// Issue 14's steady state of 1,000 environments: a fleet seeded on its own moto_server (<see cref="DirectSeeder"/>,
/// in windows, with the emulator's cost per call recorded as the account grows), then the controller's resyncs of the
/// whole fleet measured one by one, as <see cref="SharedObservation"/> runs them (see bench/README.md, "scale").
/// </summary>
internal static class ScaleBench
{
    private static readonly PlanOptions Options = new(Prune: true);

    public static async Task<IReadOnlyList<string>> RunAsync(ScaleOptions options, CancellationToken ct)
    {
        using var moto = options.Attach is { } attach ? MotoProcess.Attach(attach.Endpoint, attach.ProcessId) : await MotoProcess.StartAsync(ct, options.IndexedMoto).ConfigureAwait(false);
        var timings = new CallTimings();
        Func<HttpMessageHandler, HttpMessageHandler> wrap = h => new TimingHandler(h, timings);
        // Seeding without the API budget (the emulator does not throttle); the resyncs with it, as the controller runs.
        using var seeding = new AwsComposition(NullLoggerFactory.Instance, TimeProvider.System, wrapHandler: wrap,
            settings: new ReconcilerSettings("300ms", null, "off", null, null));
        using var controller = new AwsComposition(NullLoggerFactory.Instance, TimeProvider.System, wrapHandler: wrap);
        var report = new ScaleReport(options);
        Progress($"moto_server on {moto.Endpoint}");

        var graphs = new List<ResourceGraph>();
        if (options.Attach is not null)
        {
            graphs.AddRange(Enumerable.Range(1, options.Environments).Select(Graph));
            report.Reached = graphs.Count;
            report.Probes.Add(await ObserveOneAsync(seeding, moto, timings, graphs[0], graphs.Count, ct).ConfigureAwait(false));
            return await MeasureAsync(options, graphs, report, seeding, controller, moto, timings, ct).ConfigureAwait(false);
        }

        // The probe environment, through the engine: it creates what environments share (IAM roles, the hosted zone).
        var probe = await seeding.Engine.ApplyAsync(SampleSpecs.Load(SampleSpecs.For("probe-0000")).Graph, Options, ct).ConfigureAwait(false);
        Progress($"probe converged={probe.Converged}");
        if (!probe.Converged)
        {
            throw new InvalidOperationException("the probe environment did not converge");
        }

        var seeder = new DirectSeeder(seeding, FleetBench.Region);
        var seedWall = Stopwatch.StartNew();
        var seeded = 0;
        while (seeded < options.Environments && DateTimeOffset.UtcNow < options.SeedUntil)
        {
            var from = seeded + 1;
            var to = Math.Min(options.Environments, seeded + options.Chunk);
            var window = Enumerable.Range(from, to - from + 1).Select(Graph).ToList();
            report.Windows.Add(await SeedWindowAsync(seeder, seeding, moto, timings, window, from, to, options.Parallel, report.SeedFailures, ct).ConfigureAwait(false));
            seeded += window.Count;
            graphs.AddRange(window.Where(g => !report.SeedFailures.Any(f => f.StartsWith(g.Environment + ":", StringComparison.Ordinal))));
            if (options.ObserveAt.Contains(to))
            {
                report.Probes.Add(await ObserveOneAsync(seeding, moto, timings, graphs[0], to, ct).ConfigureAwait(false));
            }
        }

        report.SeedWall = seedWall.Elapsed;
        report.Reached = graphs.Count;
        Progress($"seeded {graphs.Count} environments in {seedWall.Elapsed.TotalSeconds:F0} s, {report.SeedFailures.Count} with problems");
        return await MeasureAsync(options, graphs, report, seeding, controller, moto, timings, ct).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<string>> MeasureAsync(ScaleOptions options, List<ResourceGraph> graphs, ScaleReport report, AwsComposition seeding,
        AwsComposition controller, MotoProcess moto, CallTimings timings, CancellationToken ct)
    {
        var rotation = new SharedObservation(controller.Engine, TimeProvider.System, TimeSpan.Zero, NullLogger.Instance, options.DetailEvery);
        var names = graphs.Select(g => g.Environment).ToList();
        for (var turn = 1; turn <= options.Turns; turn++)
        {
            var result = await MeasureTurnAsync(turn, rotation, names, graphs, controller, moto, timings, ct).ConfigureAwait(false);
            report.Turns.Add(result);
            if (turn == 1 && result.PlansWithChanges > 0)
            {
                // The proof failed for these (a seeding cut short by an emulator timeout leaves an environment half
                // made): they are left out of the later resyncs, which measure the steady fleet, and the report names them.
                var changed = result.Changes.Select(c => c[..c.IndexOf(':', StringComparison.Ordinal)]).ToHashSet(StringComparer.Ordinal);
                report.Repaired.AddRange(changed.Order(StringComparer.Ordinal));
                graphs = [.. graphs.Where(g => !changed.Contains(g.Environment))];
                names = [.. graphs.Select(g => g.Environment)];
            }
        }

        report.MotoVersionEndpoint = moto.Endpoint;
        return report.Lines();
    }

    private static ResourceGraph Graph(int index) => SampleSpecs.Load(SampleSpecs.For(SampleSpecs.EnvironmentName("fleet", index))).Graph;

    private static async Task<SeedWindow> SeedWindowAsync(DirectSeeder seeder, AwsComposition aws, MotoProcess moto, CallTimings timings, List<ResourceGraph> window,
        int from, int to, int parallel, List<string> failures, CancellationToken ct)
    {
        var before = aws.Metrics.Snapshot();
        var latencies = timings.Snapshot();
        var motoCpu = moto.CpuTime();
        var wall = Stopwatch.StartNew();
        var failed = 0;
        await Parallel.ForEachAsync(window, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = ct }, async (g, c) =>
        {
            IReadOnlyList<string> problems;
            try
            {
                problems = await seeder.SeedAsync(g, c).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !c.IsCancellationRequested)
            {
                // An emulator saturated by other work times out now and then: the environment is reported and left out.
                problems = [ex.GetType().Name + ": " + ex.Message.Split('\n')[0]];
            }

            if (problems.Count > 0)
            {
                Interlocked.Increment(ref failed);
                lock (failures)
                {
                    failures.Add($"{g.Environment}: {string.Join("; ", problems.Take(3))}");
                }
            }
        }).ConfigureAwait(false);
        wall.Stop();
        var delta = FleetBench.Delta(before, aws.Metrics.Snapshot());
        var (count, total) = LatencyDelta(latencies, timings.Snapshot());
        var result = new SeedWindow(from, to, wall.Elapsed, delta.Values.Sum(), delta.Where(kv => AwsCallMetrics.IsMutating(kv.Key.Operation)).Sum(kv => kv.Value),
            moto.CpuTime() - motoCpu, count == 0 ? TimeSpan.Zero : total / count, failed);
        Progress($"seeded {from}..{to} in {wall.Elapsed.TotalSeconds:F1} s: {result.Calls} calls, mean {result.MeanLatency.TotalMilliseconds:F0} ms, " +
            $"moto CPU {result.MotoCpu.TotalSeconds:F1} s, {failed} with problems");
        return result;
    }

    private static (long Count, TimeSpan Total) LatencyDelta(Latencies before, Latencies after)
    {
        long count = 0;
        var total = TimeSpan.Zero;
        foreach (var (key, value) in after.Calls)
        {
            var old = before.Calls.GetValueOrDefault(key);
            count += value.Count - old.Count;
            total += value.Total - old.Total;
        }

        return (count, total);
    }

    private static async Task<ObservationProbe> ObserveOneAsync(AwsComposition aws, MotoProcess moto, CallTimings timings, ResourceGraph graph, int size, CancellationToken ct)
    {
        var before = aws.Metrics.Snapshot();
        var latencies = timings.Snapshot();
        var motoCpu = moto.CpuTime();
        var wall = Stopwatch.StartNew();
        await aws.Engine.ObserveAsync(FleetBench.Region, [graph], ct).ConfigureAwait(false);
        wall.Stop();
        var after = timings.Snapshot();
        var slowest = after.Calls
            .Select(kv => (Key: kv.Key, Count: kv.Value.Count - Old(latencies, kv.Key).Count, Total: kv.Value.Total - Old(latencies, kv.Key).Total))
            .Where(x => x.Count > 0)
            .Select(x => ($"{x.Key.Service}:{x.Key.Operation}", x.Count, x.Total / x.Count))
            .OrderByDescending(x => x.Item3)
            .Take(5)
            .ToList();
        var probe = new ObservationProbe(size, FleetBench.Delta(before, aws.Metrics.Snapshot()).Values.Sum(), wall.Elapsed, moto.CpuTime() - motoCpu, slowest);
        Progress($"one environment observed alone in an account of {size}: {probe.Calls} calls, {wall.Elapsed.TotalSeconds:F1} s");
        return probe;

        static (long Count, TimeSpan Total) Old(Latencies l, (string, string) key) => l.Calls.GetValueOrDefault(key);
    }

    private static async Task<ScaleTurn> MeasureTurnAsync(int turn, SharedObservation rotation, List<string> names, List<ResourceGraph> graphs,
        AwsComposition aws, MotoProcess moto, CallTimings timings, CancellationToken ct)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        var before = aws.Metrics.Snapshot();
        var waitsBefore = aws.Budget?.Waits() ?? new Dictionary<string, (long, TimeSpan)>();
        var throttledBefore = aws.Budget?.ThrottledCalls() ?? new Dictionary<string, long>();
        var cpu = process.TotalProcessorTime;
        var motoCpu = moto.CpuTime();
        using var sampler = new PeakSampler();
        var firstSecond = RateHistogram.Now();
        var wall = Stopwatch.StartNew();

        // As the controller's refresh does (SharedObservation): the turn's detailed set, one observation of all, a plan each.
        var detailed = rotation.NextDetailed(FleetBench.Region, names);
        var observed = await aws.Engine.ObserveAsync(FleetBench.Region, graphs, ct, detailed).ConfigureAwait(false);
        var changes = graphs.Select(g => aws.Engine.Plan(g, observed, Options)).Where(p => p.HasChanges)
            .SelectMany(p => p.Changes.Select(s => $"{p.Environment}: {s.Action} {s.LogicalId}: {s.Reason}")).ToList();
        wall.Stop();
        var lastSecond = RateHistogram.Now();
        process.Refresh();
        var waits = (aws.Budget?.Waits() ?? new Dictionary<string, (long, TimeSpan)>())
            .Select(kv => (kv.Key, Calls: kv.Value.Calls - waitsBefore.GetValueOrDefault(kv.Key).Calls, Waited: kv.Value.Waited - waitsBefore.GetValueOrDefault(kv.Key).Waited))
            .Where(x => x.Calls > 0).ToDictionary(x => x.Key, x => (x.Calls, x.Waited), StringComparer.Ordinal);
        var throttled = (aws.Budget?.ThrottledCalls() ?? new Dictionary<string, long>())
            .Select(kv => (kv.Key, Count: kv.Value - throttledBefore.GetValueOrDefault(kv.Key))).Where(x => x.Count > 0)
            .ToDictionary(x => x.Key, x => x.Count, StringComparer.Ordinal);
        var result = new ScaleTurn(turn, graphs.Count, detailed?.Count ?? graphs.Count, FleetBench.Delta(before, aws.Metrics.Snapshot()),
            timings.Rates.Between(firstSecond, lastSecond), timings.Rates.PeakBy(firstSecond, lastSecond, BucketOf), waits, throttled,
            wall.Elapsed, process.TotalProcessorTime - cpu, moto.CpuTime() - motoCpu, sampler.Peak, moto.WorkingSet(),
            changes.Select(c => c[..c.IndexOf(':', StringComparison.Ordinal)]).Distinct(StringComparer.Ordinal).Count(), changes);
        Progress($"resync {turn} of {graphs.Count} ({result.Detailed} in detail): {result.Total} calls, {wall.Elapsed.TotalSeconds:F1} s, " +
            $"{result.PlansWithChanges} plans with changes, {result.Throttled} throttled");
        return result;
    }

    /// <summary>The API budget's bucket of a request as the timing handler names it (the SigV4 scope says elasticloadbalancing for ELBv2).</summary>
    public static string BucketOf(string service, string operation) =>
        Reconciler.Aws.Budget.ApiBuckets.For(service == "elasticloadbalancing" ? "elbv2" : service, operation).Name;

    private static void Progress(string message) => Console.Error.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {message}");
}
