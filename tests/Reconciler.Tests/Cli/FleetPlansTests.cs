using System.CommandLine;
using Amazon.EC2.Model;
using Reconciler.Aws;
using Reconciler.Cli;
using Reconciler.Model.Graph;
using Reconciler.Tests.Integration;
using Xunit.Abstractions;

namespace Reconciler.Tests.Cli;

/// <summary>
/// The CLI's verbs over a folder observe its environments together (issue 14): <c>plan</c> of 8 converged sample
/// environments costs about one observation plus the per-environment reads no API shares, not 8 observations; an
/// environment that drifted is read again on its own, the others are not. Counted with the run's own AwsCallMetrics
/// (every attempt), a bound on calls, never on time.
/// </summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "Integration")]
public sealed class FleetPlansTests(ITestOutputHelper log)
{
    /// <summary>
    /// The reads per extra environment of the sample that no API shares, on moto_server, in a new process (each CLI run
    /// is one): the 10 of ObservationCostTests (2 DescribeVpcAttribute, 3 bucket settings, 1 DescribeServices, 1
    /// GetRolePolicy, on moto 1 ECR and 1 RDS ListTagsForResource, at most one more GetResources page), plus what a
    /// long-lived process reads only once (docs/observation.md): the issued certificate's and the task definition
    /// revision's descriptions, and the load balancer's listeners by load balancer (their ARNs are not known yet): 13.
    /// Measured: 12.4 (bench/results.md). Plus 2 since the sample has its own execution role (GetRole and
    /// ListAttachedRolePolicies per environment, where the one shared role was read once for all): 14.4 measured.
    /// </summary>
    private const int PerExtraEnvironment = 15;

    private const int Environments = 8;

    [Fact]
    public async Task PlanAsync_Should_CostAboutOneObservation_When_EightConvergedEnvironmentsArePlannedTogether()
    {
        var folder = Path.Combine(Path.GetTempPath(), "reconciler-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var names = Enumerable.Range(0, Environments).Select(i => TestSpecs.UniqueName($"fleet{i}")).ToList();
        var files = names.Select((name, i) => Path.Combine(folder, $"env{i}.yaml")).ToList();
        for (var i = 0; i < Environments; i++)
        {
            await File.WriteAllTextAsync(files[i], TestSpecs.Isolated(names[i]));
        }

        // Applied from empty as a folder: the environments converge in parallel, and report in file order.
        var apply = await Run("apply", folder);
        Assert.True(apply.Exit == 0, apply.Out + apply.Err);
        var converged = apply.Out.Split('\n').Where(l => l.Contains(": converged (", StringComparison.Ordinal)).ToList();
        Assert.Equal(names.Select(n => $"{n}: converged"), converged.Select(l => l[..l.IndexOf(" (", StringComparison.Ordinal)]));

        var one = await Run("plan", files[0], "--detailed-exitcode");
        var eight = await Run("plan", folder, "--detailed-exitcode");
        log.WriteLine($"plan of 1: {one.Calls} calls; plan of {Environments}: {eight.Calls} calls; ratio {(double)eight.Calls / one.Calls:0.00}");
        log.WriteLine($"plan of 1: {one.Breakdown}");
        log.WriteLine($"plan of {Environments}: {eight.Breakdown}");

        // Both in sync (exit 0: no changes), and the 8 cost one observation plus what no API shares per environment:
        // far below 8 observations (7.8 times one before issue 14).
        Assert.True(one.Exit == 0, one.Out + one.Err);
        Assert.True(eight.Exit == 0, eight.Out + eight.Err);
        Assert.Equal(Environments, eight.Out.Split('\n').Count(l => l.Contains("0 to create, 0 to update, 0 to replace, 0 to delete, 36 in sync", StringComparison.Ordinal)));
        Assert.Equal(0, eight.Mutating);

        // One environment drifts (a DNS attribute of its VPC, changed by hand): the plan shows it, and only that one is
        // read again on its own (a confirmation read costs about one observation of one environment).
        var drifted = names[3];
        using var harness = new EngineHarness();
        var ec2 = harness.Ec2;
        var vpc = (await ec2.DescribeVpcsAsync(new DescribeVpcsRequest { Filters = [new Filter($"tag:{Ownership.EnvironmentTag}", [drifted])] })).Vpcs.Single();
        await ec2.ModifyVpcAttributeAsync(new ModifyVpcAttributeRequest { VpcId = vpc.VpcId, EnableDnsHostnames = false });
        var drift = await Run("plan", folder, "--detailed-exitcode");
        log.WriteLine($"plan of {Environments}, one drifted: {drift.Calls} calls: {drift.Breakdown}");

        Assert.Equal(2, drift.Exit);
        Assert.Contains("enableDnsHostnames", drift.Out, StringComparison.Ordinal);
        Assert.Equal(Environments - 1, drift.Out.Split('\n').Count(l => l.Contains("0 to create, 0 to update, 0 to replace, 0 to delete, 36 in sync", StringComparison.Ordinal)));
        Assert.True(drift.Calls <= eight.Calls + one.Calls + PerExtraEnvironment, $"{drift.Calls} > {eight.Calls} + one confirmation ({one.Calls} + {PerExtraEnvironment})");
        Assert.True(drift.Calls > eight.Calls, $"no confirmation read: {drift.Calls} <= {eight.Calls}");
        Assert.True(eight.Calls <= one.Calls + ((Environments - 1) * PerExtraEnvironment), $"{eight.Calls} > {one.Calls} + {Environments - 1} x {PerExtraEnvironment}");
        // The ratio 8 / 1: 3.2 measured on moto (issue 14's target, 1.5, is not met: see bench/results.md), 7.8 before;
        // 3.53 with the sample's own execution role (two IAM reads per environment).
        Assert.True(eight.Calls * 10 <= one.Calls * 37, $"ratio {(double)eight.Calls / one.Calls:0.00} > 3.7");
    }

    /// <summary>A verb as the CLI runs it, with the AWS calls it made (every attempt) and how many of them change something.</summary>
    private static async Task<(int Exit, string Out, string Err, long Calls, long Mutating, string Breakdown)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        AwsCallMetrics? metrics = null;
        var cli = new CliContext(output, errors, TimeProvider.System) { Composed = aws => metrics = aws.Metrics };
        var root = new RootCommand { PlanCommand.Create(cli), ApplyCommand.Create(cli) };
        var exit = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = errors });
        var breakdown = string.Join(", ", (metrics?.Snapshot() ?? new Dictionary<(string, string, string), long>())
            .GroupBy(kv => $"{kv.Key.Service}:{kv.Key.Operation}").OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}={g.Sum(kv => kv.Value)}"));
        return (exit, output.ToString(), errors.ToString(), metrics?.Total ?? 0, metrics?.Mutating ?? 0, breakdown);
    }
}
