using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Reconciler.Bench;
using Reconciler.Bench.Fleet;
using Reconciler.Bench.Pure;
using Reconciler.Bench.Scale;

// Modes (bench/README.md):
//   pure   [--artifacts DIR]        BenchmarkDotNet: load/validate/graph and plan of 1,000 environments
//   cpu    [--out FILE]             process CPU time of load + validate + plan of 1,000 environments
//   memory [--out FILE]             retained memory of a catalog of 1,000 environments
//   stages [--out FILE]             CPU, bytes allocated and bytes retained per stage of the pure core (issue 14)
//   scale  [--envs 1000] [--parallel 16] [--chunk 50] [--observe-at 50,100,300] [--seed-until 08:55Z] [--turns 3] [--detail-every 6] [--attach URL --moto-pid PID] [--moto indexed|plain] [--out FILE]   seed N on moto, then the controller's resyncs
//   cli    [--envs 8] [--rounds 3] [--out FILE]   plan/apply of a folder through the CLI, calls of N against 1 (issue 14)
//   events [--runs 7] [--out FILE]   PutObject -> start of the pass, S3 events through SQS against polling (issue 14)
//   leases [--replicas 3] [--envs 1000] [--rounds 3] [--out FILE]   DynamoDB calls and items read per lease round (issue 14)
//   fleet  [--envs 1,10,100] [--parallel 8] [--workers 4] [--per-environment-up-to 10] [--detail-every 6] [--out FILE]   against a moto_server it starts itself
var mode = args.Length > 0 ? args[0] : "help";
var options = BenchArgs.Parse(args.Skip(1).ToArray());
switch (mode)
{
    case "pure":
        var config = DefaultConfig.Instance
            .AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(8))
            .WithArtifactsPath(options.Get("artifacts", Path.Combine(SampleSpecs.RepoRoot, "bench", "out", "bdn")));
        var summary = BenchmarkRunner.Run<PlannerBenchmarks>(config);
        return summary.HasCriticalValidationErrors || summary.Reports.Any(r => !r.Success) ? 1 : 0;
    case "cpu":
        BenchArgs.Write(options.Get("out", "-"), CpuMeasurement.Run(rounds: 7));
        return 0;
    case "stages":
        BenchArgs.Write(options.Get("out", "-"), StageBreakdown.Run(rounds: 7));
        return 0;
    case "memory":
        BenchArgs.Write(options.Get("out", "-"), CatalogMemory.Run());
        return 0;
    case "fleet":
        var fleet = new FleetOptions(
            [.. options.Get("envs", "1,10,100").Split(',').Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture))],
            options.GetInt("parallel", 8),
            options.GetInt("workers", 4),
            options.GetInt("per-environment-up-to", 10),
            options.GetInt("detail-every", 6));
        var lines = await FleetBench.RunAsync(fleet, CancellationToken.None);
        BenchArgs.Write(options.Get("out", "-"), lines);
        return 0;
    case "scale":
        var scale = new ScaleOptions(
            options.GetInt("envs", 1000),
            options.GetInt("parallel", 16),
            options.GetInt("chunk", 50),
            options.Get("observe-at", "50,100,300").Split(',').Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet(),
            DateTimeOffset.Parse(options.Get("seed-until", DateTimeOffset.UtcNow.AddHours(1).ToString("O")), System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal),
            options.GetInt("turns", 3),
            options.GetInt("detail-every", 6),
            options.Get("attach", string.Empty) is { Length: > 0 } attach ? (attach, options.GetInt("moto-pid", 0)) : null,
            options.Get("moto", "indexed") != "plain");
        BenchArgs.Write(options.Get("out", "-"), await ScaleBench.RunAsync(scale, CancellationToken.None));
        return 0;
    case "cli":
        BenchArgs.Write(options.Get("out", "-"), await CliBench.RunAsync(options.GetInt("envs", 8), options.GetInt("rounds", 3), CancellationToken.None));
        return 0;
    case "events":
        BenchArgs.Write(options.Get("out", "-"), await Reconciler.Bench.Events.S3EventsBench.RunAsync(options.GetInt("runs", 7), CancellationToken.None));
        return 0;
    case "leases":
        BenchArgs.Write(options.Get("out", "-"), await Reconciler.Bench.Leases.LeaseBench.RunAsync(options.GetInt("replicas", 3), options.GetInt("envs", 1000), options.GetInt("rounds", 3), CancellationToken.None));
        return 0;
    default:
        Console.Error.WriteLine("usage: Reconciler.Bench pure|cpu|memory|stages|scale|cli|events|leases|fleet [--envs 1,10,100] [--parallel 8] [--workers 4] [--per-environment-up-to 10] [--detail-every 6] [--out FILE]");
        return 2;
}
