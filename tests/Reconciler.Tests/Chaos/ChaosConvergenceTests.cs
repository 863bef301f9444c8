using System.Diagnostics;
using System.Globalization;
using Amazon.EC2.Model;
using Reconciler.Aws;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;
using Reconciler.Tests.Integration;
using Xunit.Abstractions;

namespace Reconciler.Tests.Chaos;

/// <summary>
/// The whole sample applied from empty while a share of the HTTP requests of BOTH client families (thin clients and SDK)
/// is answered with a fault instead of being sent: the retries must absorb it, and nothing may be created twice. The
/// figures are printed (see docs/reliability.md) so they can be measured again.
/// </summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ChaosConvergenceTests(ITestOutputHelper output)
{
    // Short waits (moto answers at once), and enough attempts that a 30% fault rate cannot exhaust them:
    // 0.3^21 ≈ 1e-11 per call for throttling, 0.235^13 ≈ 7e-9 for 503s and resets together.
    private static readonly RetryOptions Retries = new(
        MaxThrottleRetries: 20, MaxTransientRetries: 12, BaseDelay: TimeSpan.FromMilliseconds(5), MaxDelay: TimeSpan.FromMilliseconds(100));

    [Fact]
    public async Task Apply_Should_Converge_When_ThirtyPercentOfCallsAreThrottled()
    {
        var chaos = new ChaosInjector(new ChaosRates(Throttle: 0.30, Seed: 30));

        await ApplyUnderChaos("chaos-throttle", chaos);

        Assert.True(chaos.InjectedOf(ChaosKind.Throttle) > 0);
    }

    [Fact]
    public async Task Apply_Should_Converge_When_ServersFailAndConnectionsReset()
    {
        var chaos = new ChaosInjector(new ChaosRates(Unavailable: 0.15, ConnectionReset: 0.10, Seed: 15));

        await ApplyUnderChaos("chaos-5xx", chaos);

        Assert.True(chaos.InjectedOf(ChaosKind.Unavailable) > 0);
        Assert.True(chaos.InjectedOf(ChaosKind.ConnectionReset) > 0);
    }

    private async Task<string> ApplyUnderChaos(string prefix, ChaosInjector chaos)
    {
        using var h = new EngineHarness(Retries, chaos.Wrap);
        var env = TestSpecs.UniqueName(prefix);
        var (_, graph) = TestSpecs.Load(TestSpecs.Isolated(env));
        var clock = Stopwatch.StartNew();

        var result = await h.Engine.ApplyAsync(graph, new PlanOptions(Prune: true), CancellationToken.None);

        var applied = clock.Elapsed;
        Assert.True(result.Converged,
            string.Join("\n", result.Failed.Select(f => $"{f.Step.LogicalId}: {f.Message}")) + "\n" +
            string.Join("\n", result.Waiting.Select(f => $"{f.Step.LogicalId}: {f.Message}")) + "\n" + h.LogText);
        var applyCalls = h.Aws.Metrics.Snapshot();

        // Still under chaos: the plan after the apply is empty, and every logical id has exactly one live resource.
        var plan = await h.Engine.PlanAsync(graph, new PlanOptions(Prune: true), CancellationToken.None);
        Assert.False(plan.HasChanges, Reconciler.Cli.PlanPrinter.Text(plan, "test"));
        Assert.Empty(plan.Steps.Where(s => s.Action == PlanAction.Conflict).Select(s => s.LogicalId));
        Assert.Equal(graph.Resources.Select(r => r.LogicalId).Order(), plan.Steps.Select(s => s.LogicalId).Order());
        Assert.All(plan.Steps, s => Assert.NotNull(s.Observed));
        var ec2Duplicates = await Ec2Duplicates(h, env);
        Assert.True(ec2Duplicates.Count == 0, string.Join("\n", ec2Duplicates));

        // Both client families were disturbed: the SDK's (EC2) and the thin clients' (one of their services at least).
        var services = chaos.Injected.Keys.Select(k => k.Service).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("ec2", services);
        Assert.True(services.Overlaps(["ecs", "iam", "rds", "elasticloadbalancing", "route53", "acm", "ecr", "logs", "tagging"]), string.Join(",", services));

        var attempts = applyCalls.Values.Sum();
        var successes = applyCalls.Where(kv => kv.Key.Outcome == "ok").Sum(kv => kv.Value);
        var figures = string.Join(Environment.NewLine,
            $"environment {env}: converged {result.Converged} in {result.Passes} passes, {applied.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s",
            $"resources converged: {plan.Steps.Count(s => s.Action == PlanAction.NoOp)} of {graph.Resources.Count}",
            $"AWS calls during apply (attempts counted by AwsCallMetrics): {attempts}, of which ok {successes}; retries (attempts - successes): {attempts - successes}",
            $"HTTP requests reaching the chaos handler: {chaos.Calls} (sent to moto_server: {chaos.Sent}), apply and plan",
            $"faults injected: {chaos.InjectedTotal} = throttle {chaos.InjectedOf(ChaosKind.Throttle)}, 503 {chaos.InjectedOf(ChaosKind.Unavailable)}, connection reset {chaos.InjectedOf(ChaosKind.ConnectionReset)}",
            $"faults by service: {string.Join(", ", chaos.Injected.GroupBy(kv => kv.Key.Service).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Sum(kv => kv.Value)}"))}",
            $"error outcomes during apply: {string.Join(", ", applyCalls.Where(kv => kv.Key.Outcome != "ok").GroupBy(kv => kv.Key.Outcome).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Sum(kv => kv.Value)}"))}",
            $"duplicates found: {plan.Steps.Count(s => s.Action == PlanAction.Conflict) + ec2Duplicates.Count} (Conflict steps in the plan, EC2 logical ids tagged on two resources)");
        output.WriteLine(figures);
        return figures;
    }

    /// <summary>EC2 logical ids of the environment carried by more than one resource of a type, read with a plain (undisturbed) client.</summary>
    internal static async Task<List<string>> Ec2Duplicates(EngineHarness h, string env)
    {
        var ids = (await h.OwnershipTags(env)).Select(t => t.ResourceId).ToHashSet(StringComparer.Ordinal);
        var logical = new List<TagDescription>();
        string? token = null;
        do
        {
            // All logical-id tags, kept for this environment's resources here (one filter moto surely honours).
            var page = await h.Ec2.DescribeTagsAsync(new DescribeTagsRequest { Filters = [new Filter("key", [Ownership.LogicalIdTag])], NextToken = token });
            logical.AddRange(page.Tags.Where(t => ids.Contains(t.ResourceId)));
            token = page.NextToken;
        }
        while (!string.IsNullOrEmpty(token));

        // By resource type: an instance's volumes carry its tags (the launch tags them too), which is no duplicate.
        return logical.GroupBy(t => $"{t.ResourceType?.Value} {t.Value}", StringComparer.Ordinal).Where(g => g.Select(t => t.ResourceId).Distinct(StringComparer.Ordinal).Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(",", g.Select(t => t.ResourceId).Distinct(StringComparer.Ordinal))}").ToList();
    }
}
