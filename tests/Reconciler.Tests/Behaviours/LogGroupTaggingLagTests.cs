using Reconciler.Model.Planning;
using Reconciler.Tests.Behaviours.Rules;
using Reconciler.Tests.Integration;

namespace Reconciler.Tests.Behaviours;

/// <summary>
/// A log group has no tag-filtered listing but the Tagging API's, which lags right after a create
/// (https://github.com/aws/aws-sdk/issues/676). A clean-clone CI run met it: the apply saw the group it had just made
/// missing at each later pass, "created" it again (adopted it), and ran out of passes unconverged.
/// </summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "Integration")]
public sealed class LogGroupTaggingLagTests(MotoServer moto)
{
    [Fact]
    public async Task Apply_Should_ConvergeAndPlanNothing_When_TheTaggingApiDoesNotListTheNewGroupYet()
    {
        // A lag longer than the whole test: GetResources never lists the group here.
        var lag = new TaggingLagRule(TimeSpan.FromMinutes(10));
        await using var layer = await LayeredHarness.StartAsync(moto, [lag]);
        var env = TestSpecs.UniqueName("loglag");
        var (_, graph) = TestSpecs.Load(TestSpecs.Small(env, $"logGroups:\n  - {{ name: /ecs/{env}, retentionDays: 30 }}\n"));

        var applied = await layer.H.Engine.ApplyAsync(graph, new PlanOptions(Prune: true), CancellationToken.None);
        var plan = await layer.H.Engine.PlanAsync(graph, new PlanOptions(true), CancellationToken.None);

        Assert.True(applied.Converged, layer.H.LogText);
        Assert.False(plan.HasChanges, Reconciler.Cli.PlanPrinter.Text(plan, "test"));
        Assert.Equal(1, layer.Proxy.Calls.Count(c => c == "logs:CreateLogGroup"));
        Assert.True(lag.Played > 0, layer.Proxy.PlayedSummary);

        var destroyed = await layer.H.Engine.ApplyAsync(graph, new PlanOptions(true, Destroy: true), CancellationToken.None);
        Assert.True(destroyed.Converged, layer.H.LogText);
        Assert.Equal(1, layer.Proxy.Calls.Count(c => c == "logs:DeleteLogGroup"));
    }
}
