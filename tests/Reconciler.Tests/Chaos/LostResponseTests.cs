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
}
