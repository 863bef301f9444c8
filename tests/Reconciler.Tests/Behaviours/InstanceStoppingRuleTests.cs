using Amazon.EC2.Model;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;
using Reconciler.Providers.Ec2;
using Reconciler.Tests.Behaviours.Rules;
using Reconciler.Tests.Integration;

namespace Reconciler.Tests.Behaviours;

/// <summary>
/// An instance type change stops the host; on AWS the stop takes a while. The product does not poll for it: it tags the
/// instance, stops it and returns not ready; a later pass finds it stopped, changes the type and starts it again.
/// </summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "Integration")]
public sealed class InstanceStoppingRuleTests(MotoServer moto)
{
    [Fact]
    public async Task Apply_Should_ChangeTheTypeInALaterPassAndStartTheHostAgain_When_TheStopTakesAWhile()
    {
        var rule = new InstanceStoppingRule(TimeSpan.FromSeconds(1));
        await using var layer = await LayeredHarness.StartAsync(moto, [rule]);
        var env = TestSpecs.UniqueName("stop");
        var (_, graph) = TestSpecs.Load(TopologyHarness.Spec(env, databases: false, hosts: true));
        Assert.True((await layer.H.Engine.ApplyAsync(graph, new PlanOptions(Prune: true), CancellationToken.None)).Converged, layer.H.LogText);
        var (_, resized) = TestSpecs.Load(TopologyHarness.Spec(env, false, true, t => t.Replace("instanceType: t3.small", "instanceType: t3.medium", StringComparison.Ordinal)));
        var stopsBefore = layer.Proxy.Calls.Count(c => c == "ec2:StopInstances");

        var result = await layer.H.Engine.ApplyAsync(resized, new PlanOptions(Prune: true), CancellationToken.None);

        Assert.True(result.Converged, layer.H.LogText);
        Assert.Contains(result.Steps, s => s.Outcome == Reconciler.Engine.StepOutcome.Waiting && s.Message!.Contains("is stopping", StringComparison.Ordinal));
        Assert.True(result.Passes > 1, $"{result.Passes} passes");
        Assert.Equal(2, layer.Proxy.Calls.Count(c => c == "ec2:StopInstances") - stopsBefore); // each host stopped once, not again while stopping
        Assert.True(rule.Played > 0, rule.Name + " never played");
        var instances = (await layer.H.Ec2.DescribeInstancesAsync(new DescribeInstancesRequest { Filters = [new Filter("tag:" + Ownership.EnvironmentTag, [env])] }))
            .Reservations.SelectMany(r => r.Instances).Where(i => i.State.Name.Value != "terminated").ToList();
        Assert.Equal(2, instances.Count);
        Assert.All(instances, i => Assert.Equal(("t3.medium", "running"), (i.InstanceType.Value, i.State.Name.Value)));
        Assert.All(instances, i => Assert.DoesNotContain(i.Tags, t => t.Key == InstanceProvider.StoppedForTypeTag));
        Assert.True((await layer.H.Engine.ApplyAsync(resized, new PlanOptions(Prune: true, Destroy: true), CancellationToken.None)).Converged, layer.H.LogText);
    }
}
