using System.Collections.Concurrent;
using Reconciler.Aws;
using Reconciler.Model.Planning;
using Reconciler.Tests.Integration;
using Xunit.Abstractions;

namespace Reconciler.Tests.Chaos;

/// <summary>
/// A create applied by AWS whose answer is lost must not make a second resource: creates without an idempotency token
/// are not retried blindly; the next pass finds the resource by its tags and adopts it.
/// </summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "Integration")]
public sealed class LostResponseTests(ITestOutputHelper output)
{
    /// <summary>The creates of the sample that AWS cannot make idempotent (no client token, no unique name).</summary>
    private static readonly HashSet<string> Creates =
    [
        "CreateVpc", "CreateSubnet", "CreateInternetGateway", "AllocateAddress", "CreateRouteTable", "CreateSecurityGroup", "RegisterTaskDefinition",
    ];

    [Fact]
    public async Task Apply_Should_ConvergeWithoutDuplicates_When_TheAnswerOfEveryNonIdempotentCreateIsLostOnce()
    {
        var lost = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        using var h = new EngineHarness(wrapHandler: inner => new LostResponseHandler(inner, Creates, lost));
        var env = TestSpecs.UniqueName("lost");
        var (_, graph) = TestSpecs.Load(TestSpecs.Isolated(env));

        var result = await h.Engine.ApplyAsync(graph, new PlanOptions(Prune: true), CancellationToken.None);

        Assert.True(result.Converged, string.Join("\n", result.Failed.Select(f => $"{f.Step.LogicalId}: {f.Message}")) + "\n" + h.LogText);
        Assert.Equal(Creates.Order(), lost.Keys.Order()); // every one of them really lost an answer
        var plan = await h.Engine.PlanAsync(graph, new PlanOptions(true), CancellationToken.None);
        Assert.False(plan.HasChanges);
        Assert.DoesNotContain(plan.Steps, s => s.Action == PlanAction.Conflict);
        var duplicates = await ChaosConvergenceTests.Ec2Duplicates(h, env);
        Assert.True(duplicates.Count == 0, string.Join("\n", duplicates));

        // Each create was sent exactly once per resource: the lost ones were never sent again.
        var sent = h.Aws.Metrics.Snapshot().Where(kv => Creates.Contains(kv.Key.Operation))
            .GroupBy(kv => kv.Key.Operation).ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value));
        var expected = new Dictionary<string, long>
        {
            ["CreateVpc"] = 1, ["CreateSubnet"] = 6, ["CreateInternetGateway"] = 1, ["AllocateAddress"] = 3,
            ["CreateRouteTable"] = 2, ["CreateSecurityGroup"] = 2, ["RegisterTaskDefinition"] = 1,
        };
        Assert.Equal(expected.OrderBy(e => e.Key), sent.OrderBy(e => e.Key));
        output.WriteLine($"lost answers: {lost.Count}; create calls sent: {sent.Values.Sum()} for {expected.Values.Sum()} resources; passes: {result.Passes}; duplicates: {duplicates.Count}");
    }

    /// <summary>
    /// Every other create the providers send: those with an idempotency token, those with a unique name, the shared
    /// IAM roles, the hosted zone (tagged after its create) and its records.
    /// </summary>
    private static readonly HashSet<string> OtherCreates =
    [
        "RunInstances", "CreateNatGateway", "CreateService", "RequestCertificate", "CreateHostedZone", "ChangeResourceRecordSets",
        "CreateRepository", "CreateLogGroup", "CreateDBInstance", "CreateDBSubnetGroup", "CreateLoadBalancer", "CreateTargetGroup",
        "CreateListener", "CreateBucket", "CreateCluster", "CreateRole", "CreateInstanceProfile",
    ];

    [Fact]
    public async Task Apply_Should_ConvergeWithoutDuplicates_When_TheAnswerOfEveryOtherCreateIsLostOnce()
    {
        var lost = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        using var h = new EngineHarness(wrapHandler: inner => new LostResponseHandler(inner, OtherCreates, lost));
        var env = TestSpecs.UniqueName("lost2");
        var zone = $"{env}.example.net";

        // The shared names (IAM roles, the zone) made unique, so that this environment really creates them.
        var (_, graph) = TestSpecs.Load(TestSpecs.Isolated(env, t => t
            .Replace("zone: example.com", $"zone: {zone}", StringComparison.Ordinal)
            .Replace($"{env}.example.com", $"api.{zone}", StringComparison.Ordinal)
            .Replace("ecsInstanceRole", $"host-{env}", StringComparison.Ordinal)
            .Replace("ecsTaskExecutionRole", $"exec-{env}", StringComparison.Ordinal)));

        var result = await h.Engine.ApplyAsync(graph, new PlanOptions(Prune: true), CancellationToken.None);

        Assert.True(result.Converged, string.Join("\n", result.Failed.Select(f => $"{f.Step.LogicalId}: {f.Message}")
            .Concat(result.FinalPlan.Steps.Where(s => s.Action != PlanAction.NoOp).Select(s => $"{s.LogicalId}: {s.Action} {s.Reason}"))));
        Assert.Equal(OtherCreates.Order(), lost.Keys.Order()); // every one of them really lost an answer
        var plan = await h.Engine.PlanAsync(graph, new PlanOptions(true), CancellationToken.None);
        Assert.False(plan.HasChanges, string.Join("\n", plan.Steps.Where(s => s.IsChange).Select(s => $"{s.LogicalId}: {s.Action} {s.Reason}")));
        Assert.DoesNotContain(plan.Steps, s => s.Action == PlanAction.Conflict);
        var ec2Duplicates = await ChaosConvergenceTests.Ec2Duplicates(h, env);
        Assert.True(ec2Duplicates.Count == 0, string.Join("\n", ec2Duplicates));

        // Through each service's own list API, untagged resources included: one of each, two listeners.
        var counts = await NamedResourceCounts.CountAsync(h, env, zone, CancellationToken.None);
        var expected = counts.Keys.ToDictionary(k => k, k => k == "listener" ? 2 : 1, StringComparer.Ordinal);
        Assert.Equal(expected.OrderBy(e => e.Key), counts.OrderBy(e => e.Key));

        var attempts = h.Aws.Metrics.Snapshot().Where(kv => OtherCreates.Contains(kv.Key.Operation))
            .GroupBy(kv => kv.Key.Operation).ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value), StringComparer.Ordinal);

        // The creates an endpoint may not make idempotent (moto_server ignores their tokens) were never sent again;
        // the named ones were sent at most twice (the retry found its own resource and adopted it).
        var notResent = new Dictionary<string, long> { ["RunInstances"] = 2, ["CreateNatGateway"] = 1, ["CreateHostedZone"] = 1, ["CreateLoadBalancer"] = 1, ["CreateListener"] = 2 };
        Assert.Equal(notResent.OrderBy(e => e.Key), attempts.Where(a => notResent.ContainsKey(a.Key)).OrderBy(e => e.Key));
        var sent = attempts.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key} {a.Value}");
        output.WriteLine($"lost answers: {lost.Count}; create calls sent (attempts): {string.Join(", ", sent)}; passes: {result.Passes}; " +
                         $"duplicates: {plan.Steps.Count(s => s.Action == PlanAction.Conflict) + ec2Duplicates.Count + counts.Count(c => c.Value != expected[c.Key])}; " +
                         $"resources by list API: {string.Join(", ", counts.Select(c => $"{c.Key} {c.Value}"))}");
    }
}
