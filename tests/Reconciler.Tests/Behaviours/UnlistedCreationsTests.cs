using Reconciler.Model.Planning;
using Reconciler.Tests.Behaviours.Rules;
using Reconciler.Tests.Integration;

namespace Reconciler.Tests.Behaviours;

/// <summary>
/// Log groups and ECS clusters have no tag-filtered listing but the Tagging API's, which lags right after a create
/// (https://github.com/aws/aws-sdk/issues/676). A clean-clone CI run met it: the apply saw the log group it had just
/// made missing at each later pass, "created" it again (adopted it), and ran out of passes unconverged. The provider
/// now reads what this process created by id until the inventory lists it (UnlistedCreations).
/// </summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "Integration")]
public sealed class UnlistedCreationsTests(MotoServer moto)
{
    [Theory]
    [InlineData("logGroups:\n  - { name: /ecs/ENV, retentionDays: 30 }\n", "logs:CreateLogGroup", "logs:DeleteLogGroup")]
    [InlineData("clusters:\n  - { name: app, capacity: ec2 }\n", "ecs:CreateCluster", "ecs:DeleteCluster")]
    public async Task Apply_Should_CreateOnceConvergeAndPlanNothing_When_TheTaggingApiDoesNotListTheNewResourceYet(string section, string create, string delete)
    {
        // A lag longer than the whole test: GetResources never lists the new resource here.
        var lag = new TaggingLagRule(TimeSpan.FromMinutes(10));
        await using var layer = await LayeredHarness.StartAsync(moto, [lag]);
        var env = TestSpecs.UniqueName("lag");
        var (_, graph) = TestSpecs.Load(TestSpecs.Small(env, section.Replace("ENV", env, StringComparison.Ordinal)));

        var applied = await layer.H.Engine.ApplyAsync(graph, new PlanOptions(Prune: true), CancellationToken.None);
        var plan = await layer.H.Engine.PlanAsync(graph, new PlanOptions(true), CancellationToken.None);

        Assert.True(applied.Converged, layer.H.LogText);
        Assert.False(plan.HasChanges, Reconciler.Cli.PlanPrinter.Text(plan, "test"));
        Assert.Equal(1, layer.Proxy.Calls.Count(c => c == create));
        Assert.True(lag.Played > 0, layer.Proxy.PlayedSummary);

        var destroyed = await layer.H.Engine.ApplyAsync(graph, new PlanOptions(true, Destroy: true), CancellationToken.None);
        var after = await layer.H.Engine.PlanAsync(graph, new PlanOptions(true, Destroy: true), CancellationToken.None);
        Assert.True(destroyed.Converged, layer.H.LogText);
        Assert.Equal(1, layer.Proxy.Calls.Count(c => c == delete));
        Assert.DoesNotContain(after.Steps, s => s.Observed is not null);
    }
}
