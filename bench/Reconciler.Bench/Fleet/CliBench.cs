using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Reconciler.Aws;
using Reconciler.Cli;
using Reconciler.Engine;
using Reconciler.Model.Planning;

namespace Reconciler.Bench.Fleet;

/// <summary>
/// The CLI over a folder (issue 14): against a moto_server of its own, N sample environments are applied from empty
/// as one folder (<c>reconciler apply DIR</c>, in process), then <c>plan</c> of one file and of the folder count their
/// AWS calls (the run's own AwsCallMetrics: every attempt), each in a new AwsComposition as a new CLI process has, next
/// to the per-environment observation the CLI made before (<c>engine.PlanAsync</c> per environment, one after the other).
/// </summary>
internal static class CliBench
{
    public static async Task<IReadOnlyList<string>> RunAsync(int environments, int rounds, CancellationToken ct)
    {
        using var moto = await MotoProcess.StartAsync(ct).ConfigureAwait(false);
        var folder = Path.Combine(Path.GetTempPath(), "reconciler-cli-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var files = new List<string>();
        for (var i = 1; i <= environments; i++)
        {
            var file = Path.Combine(folder, $"env{i:D2}.yaml");
            await File.WriteAllTextAsync(file, SampleSpecs.For(SampleSpecs.EnvironmentName("cli", i)), ct).ConfigureAwait(false);
            files.Add(file);
        }

        var lines = new List<string>();
        var apply = await Run(["apply", folder], ct).ConfigureAwait(false);
        Console.Error.WriteLine($"apply of {environments}: exit {apply.Exit} in {apply.Wall.TotalSeconds:F1} s, {apply.Calls} calls");
        if (apply.Exit != 0)
        {
            throw new InvalidOperationException("apply did not converge:\n" + apply.Out);
        }

        var one = new List<Result>();
        var many = new List<Result>();
        var before = new List<(long Calls, TimeSpan Wall)>();
        for (var round = 0; round < rounds; round++)
        {
            one.Add(await Run(["plan", files[0], "--detailed-exitcode"], ct).ConfigureAwait(false));
            many.Add(await Run(["plan", folder, "--detailed-exitcode"], ct).ConfigureAwait(false));
            before.Add(await PerEnvironment(files, ct).ConfigureAwait(false));
        }

        if (one.Concat(many).Any(r => r.Exit != 0))
        {
            throw new InvalidOperationException("a plan of the converged folder shows changes or failed");
        }

        var oneCalls = Median(one.Select(r => r.Calls));
        var manyCalls = Median(many.Select(r => r.Calls));
        var beforeCalls = Median(before.Select(b => b.Calls));
        lines.Add(FormattableString.Invariant($"{environments} sample environments applied from empty as one folder (`apply DIR`, in parallel): {apply.Wall.TotalSeconds:F1} s, {apply.Calls:N0} AWS calls; moto_server {moto.Endpoint}, RECONCILER_POLL_CAP=300ms, MOTO_ACM_VALIDATION_WAIT=2. Median of {rounds} rounds; each run in a new AwsComposition, as a new CLI process."));
        lines.Add(string.Empty);
        lines.Add("| run | AWS calls | calls / calls of one environment | wall (in process) |");
        lines.Add("| --- | ---: | ---: | ---: |");
        lines.Add(FormattableString.Invariant($"| `plan` of 1 environment | {oneCalls} | 1.00 | {Median(one.Select(r => r.Wall.TotalSeconds)):F2} s |"));
        lines.Add(FormattableString.Invariant($"| `plan` of {environments} environments (one shared observation) | {manyCalls} | {(double)manyCalls / oneCalls:F2} | {Median(many.Select(r => r.Wall.TotalSeconds)):F2} s |"));
        lines.Add(FormattableString.Invariant($"| before: one observation per environment, as `plan` of a folder did | {beforeCalls} | {(double)beforeCalls / oneCalls:F2} | {Median(before.Select(b => b.Wall.TotalSeconds)):F2} s |"));

        // The apply of a folder before issue 14, for its wall time: N more environments, one after the other.
        var serialWall = Stopwatch.StartNew();
        long serialCalls;
        using (var aws = new AwsComposition(NullLoggerFactory.Instance, TimeProvider.System))
        {
            for (var i = environments + 1; i <= 2 * environments; i++)
            {
                var graph = SampleSpecs.Load(SampleSpecs.For(SampleSpecs.EnvironmentName("cli", i))).Graph;
                var applied = await aws.Engine.ApplyAsync(graph, new PlanOptions(Prune: true), ct).ConfigureAwait(false);
                if (!applied.Converged)
                {
                    throw new InvalidOperationException($"{graph.Environment} did not converge one by one");
                }
            }

            serialCalls = aws.Metrics.Total;
        }

        lines.Add(string.Empty);
        lines.Add("| apply from empty | environments | wall | AWS calls |");
        lines.Add("| --- | ---: | ---: | ---: |");
        lines.Add(FormattableString.Invariant($"| `apply DIR` (shared observation, the environments in parallel after the first, which creates the shared zone and roles) | {environments} | {apply.Wall.TotalSeconds:F1} s | {apply.Calls:N0} |"));
        lines.Add(FormattableString.Invariant($"| before: one after the other (`engine.ApplyAsync` per environment, in an account already holding the shared zone and roles) | {environments} | {serialWall.Elapsed.TotalSeconds:F1} s | {serialCalls:N0} |"));
        lines.Add(string.Empty);
        lines.Add("Calls of the shared `plan` by operation (the per-environment ones are the reads no API shares):");
        lines.Add(string.Empty);
        lines.Add("    " + many[^1].Breakdown);
        return lines;
    }

    private sealed record Result(int Exit, string Out, long Calls, TimeSpan Wall, string Breakdown);

    private static async Task<Result> Run(string[] args, CancellationToken ct)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        AwsCallMetrics? metrics = null;
        var cli = new CliContext(output, errors, TimeProvider.System) { Composed = aws => metrics = aws.Metrics };
        var root = new RootCommand { PlanCommand.Create(cli), ApplyCommand.Create(cli) };
        var wall = Stopwatch.StartNew();
        var exit = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = errors }, ct).ConfigureAwait(false);
        var breakdown = string.Join(", ", (metrics?.Snapshot() ?? new Dictionary<(string, string, string), long>())
            .GroupBy(kv => $"{kv.Key.Service}:{kv.Key.Operation}").OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}={g.Sum(kv => kv.Value)}"));
        return new Result(exit, output.ToString(), metrics?.Total ?? 0, wall.Elapsed, breakdown);
    }

    /// <summary>What <c>plan DIR</c> made before issue 14: one full observation per environment, one after the other.</summary>
    private static async Task<(long Calls, TimeSpan Wall)> PerEnvironment(IReadOnlyList<string> files, CancellationToken ct)
    {
        using var aws = new AwsComposition(NullLoggerFactory.Instance, TimeProvider.System);
        var wall = Stopwatch.StartNew();
        foreach (var file in files)
        {
            var graph = SampleSpecs.Load(await File.ReadAllTextAsync(file, ct).ConfigureAwait(false)).Graph;
            var plan = await aws.Engine.PlanAsync(graph, new PlanOptions(Prune: true), ct).ConfigureAwait(false);
            if (plan.HasChanges)
            {
                throw new InvalidOperationException($"{graph.Environment} is not converged: {plan.Summary}");
            }
        }

        return (aws.Metrics.Total, wall.Elapsed);
    }

    private static long Median(IEnumerable<long> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
