using Amazon.EC2.Model;
using Microsoft.Extensions.Logging;
using Reconciler.Controller;
using Reconciler.Model.Planning;
using Reconciler.Tests.Integration;

namespace Reconciler.Tests.Controller;

/// <summary>
/// The controller's shared observation on moto_server: a resync of several in-sync environments lists each resource
/// type once for all of them, and drift in one costs a confirmation read of that one only.
/// </summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "Integration")]
public sealed class SharedObservationTests : IAsyncLifetime
{
    private readonly ControllerRig _rig = new();

    private EngineHarness H => _rig.H;

    private StatusStore Statuses => _rig.Statuses;

    private ControllerService? Controller => _rig.Controller;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _rig.DisposeAsync().AsTask();

    /// <summary>A small environment: a VPC, two subnets and a security group (the shared-observation logic does not depend on size).</summary>
    private static string Spec(string env) => ControllerRig.SmallSpec(env);

    private Task Start(int detailEvery = 6) => _rig.StartAsync(detailEvery);

    private long Calls(string operation) => H.Aws.Metrics.Snapshot().Where(c => c.Key.Operation == operation).Sum(c => c.Value);

    /// <summary>Resyncs every environment and waits until each has finished a pass after the call.</summary>
    private async Task<Dictionary<string, EnvironmentStatus>> ResyncAll(IReadOnlyList<string> envs)
    {
        var before = envs.ToDictionary(e => e, e => Statuses.Find(e)!.LastPass);
        Controller!.Resync();
        var after = new Dictionary<string, EnvironmentStatus>();
        foreach (var env in envs)
        {
            after[env] = await StatusWait.Until(Statuses, env, s => s.LastPass > before[env], () => H.LogText);
        }

        return after;
    }

    [Fact]
    public async Task Resync_Should_ObserveAllEnvironmentsInOneListing_When_TheyAreInSync()
    {
        var envs = Enumerable.Range(0, 3).Select(_ => TestSpecs.UniqueName("shared")).ToList();
        foreach (var env in envs)
        {
            await File.WriteAllTextAsync(Path.Combine(_rig.Dir, env + ".yaml"), Spec(env));
        }

        await Start();
        foreach (var env in envs)
        {
            await StatusWait.Until(Statuses, env, s => s.Result is "repaired" or "in sync", () => H.LogText);
        }

        // Steady state: one shared observation serves the three, one DescribeVpcs and one DescribeSubnets in all.
        var vpcs = Calls("DescribeVpcs");
        var subnets = Calls("DescribeSubnets");
        var refreshes = Controller!.Shared.Refreshes;
        var served = Controller.Shared.Served;
        var steady = await ResyncAll(envs);

        Assert.All(steady.Values, s => Assert.Equal("in sync", s.Result));
        Assert.Equal(1, Controller.Shared.Refreshes - refreshes);
        Assert.Equal(3, Controller.Shared.Served - served);
        Assert.Equal(1, Calls("DescribeVpcs") - vpcs);
        Assert.Equal(1, Calls("DescribeSubnets") - subnets);

        // Drift in one environment: the shared listing shows it, one confirmation read of that environment repairs it.
        var drifted = envs[1];
        var (_, graph) = TestSpecs.Load(Spec(drifted));
        var subnet = (await H.Engine.PlanAsync(graph, new PlanOptions(true), CancellationToken.None)).Steps.Single(s => s.LogicalId == "subnet/private-a").AwsId!;
        await H.Ec2.ModifySubnetAttributeAsync(new ModifySubnetAttributeRequest { SubnetId = subnet, MapPublicIpOnLaunch = true });
        vpcs = Calls("DescribeVpcs");
        var repaired = await ResyncAll(envs);

        Assert.Equal("repaired", repaired[drifted].Result);
        Assert.Equal(1, repaired[drifted].DriftCount);
        Assert.All(envs.Where(e => e != drifted), e => Assert.Equal("in sync", repaired[e].Result));
        // One shared listing, one confirmation read before acting, one read after the repair to see it converged.
        Assert.Equal(3, Calls("DescribeVpcs") - vpcs);
        var live = (await H.Ec2.DescribeSubnetsAsync(new DescribeSubnetsRequest { SubnetIds = [subnet] })).Subnets.Single();
        Assert.False(live.MapPublicIpOnLaunch);
    }

    [Fact]
    public void ByEnvironment_Should_GroupInOrderAndHoldTheDesiredTags_When_AnObservationIsKept()
    {
        var graphs = new[] { "by-env-a", "by-env-b" }.Select(e => Reconciler.Model.Loading.SpecPipeline.Expand(
            Reconciler.Model.Loading.SpecLoader.LoadText(Spec(e), e + ".yaml")).Graph!).ToList();
        // As a provider reads them: tags and ids as strings of their own; one resource nobody wants (another environment's).
        var read = graphs.SelectMany(g => g.Resources.Select(d => new ObservedResource(d.Kind, new string(d.LogicalId.AsSpan()), new string(g.Environment.AsSpan()),
            "id-" + d.Name, Planner.ResolveAll(d, k => "id-" + k), Reconciler.Model.Graph.SortedMap<string>.CreateRange(d.Tags.Select(t => KeyValuePair.Create(t.Key, new string(t.Value.AsSpan())))),
            Reconciler.Model.Graph.SortedMap<string>.Empty))).ToList();
        var stranger = read[0] with { Environment = "by-env-other" };
        read.Add(stranger);

        var kept = SharedObservation.ByEnvironment(new ObservedState(read, Reconciler.Model.Graph.ResourceKinds.All.ToHashSet()), graphs);

        Assert.Equal(["by-env-a", "by-env-b", "by-env-other"], kept.Keys.Order(StringComparer.Ordinal));
        foreach (var graph in graphs)
        {
            Assert.Equal(graph.Resources.Select(r => r.LogicalId), kept[graph.Environment].Select(r => r.LogicalId));
            Assert.All(kept[graph.Environment].Zip(graph.Resources), p => Assert.Same(p.Second.Tags, p.First.Tags));
            Assert.All(kept[graph.Environment], r => Assert.Same(graph.Environment, r.Environment));
        }

        Assert.Same(stranger, Assert.Single(kept["by-env-other"]));
    }

    [Fact]
    public void NextDetailed_Should_DetailEachEnvironmentOnceEveryKRefreshes_When_KIsAboveOne()
    {
        const int k = 4;
        var shared = new SharedObservation(H.Engine, TimeProvider.System, TimeSpan.FromMinutes(5), H.Loggers.CreateLogger<SharedObservation>(), k);
        var envs = Enumerable.Range(0, 40).Select(i => $"env-{i}").ToList();

        var first = shared.NextDetailed("r", envs);
        var turns = Enumerable.Range(0, 2 * k).Select(_ => shared.NextDetailed("r", envs)!).ToList();
        var added = shared.NextDetailed("r", [.. envs, "new-env"])!;

        // The first refresh reads all (none was read in detail before); then each refresh reads a share, and each
        // environment exactly once in any K refreshes in a row; an environment new to the region is read at once.
        Assert.Equal(envs.Count, first!.Count);
        Assert.All(envs, e => Assert.Equal(2, turns.Count(t => t.Contains(e))));
        Assert.All(envs, e => Assert.Equal(1, turns.Skip(1).Take(k).Count(t => t.Contains(e))));
        Assert.All(turns, t => Assert.InRange(t.Count, 1, envs.Count - 1));
        Assert.Contains("new-env", added);
        Assert.Null(new SharedObservation(H.Engine, TimeProvider.System, TimeSpan.FromMinutes(5), H.Loggers.CreateLogger<SharedObservation>(), 1).NextDetailed("r", envs));
    }

    [Fact]
    public async Task Resync_Should_SeeAHandEditOfADetailField_When_KResyncsHavePassed()
    {
        const int k = 3;
        var envs = Enumerable.Range(0, 3).Select(_ => TestSpecs.UniqueName("detail")).ToList();
        foreach (var env in envs)
        {
            await File.WriteAllTextAsync(Path.Combine(_rig.Dir, env + ".yaml"), Spec(env));
        }

        await Start(detailEvery: k);
        foreach (var env in envs)
        {
            await StatusWait.Until(Statuses, env, s => s.Result is "repaired" or "in sync", () => H.LogText);
        }

        // Steady state: K resyncs read each VPC's two DNS attributes once in all (in full at every resync: 2 x 3 x K).
        var attributes = Calls("DescribeVpcAttribute");
        var refreshes = Controller!.Shared.Refreshes;
        for (var i = 0; i < k; i++)
        {
            Assert.All((await ResyncAll(envs)).Values, s => Assert.Equal("in sync", s.Result));
        }

        Assert.Equal(k, Controller.Shared.Refreshes - refreshes);
        Assert.Equal(2 * envs.Count, Calls("DescribeVpcAttribute") - attributes);

        // DNS hostnames turned off by hand: the listing does not show it, the detail read does, within K resyncs; the
        // repair follows the confirmation read.
        var drifted = envs[1];
        var (_, graph) = TestSpecs.Load(Spec(drifted));
        var vpc = (await H.Engine.PlanAsync(graph, new PlanOptions(true), CancellationToken.None)).Steps.Single(s => s.LogicalId == "vpc/main").AwsId!;
        await H.Ec2.ModifyVpcAttributeAsync(new ModifyVpcAttributeRequest { VpcId = vpc, EnableDnsHostnames = false });
        var resyncs = 0;
        Dictionary<string, EnvironmentStatus> statuses;
        do
        {
            statuses = await ResyncAll(envs);
            resyncs++;
        }
        while (statuses[drifted].Result == "in sync" && resyncs < k + 1);

        Assert.InRange(resyncs, 1, k);
        Assert.Equal("repaired", statuses[drifted].Result);
        Assert.All(envs.Where(e => e != drifted), e => Assert.Equal("in sync", statuses[e].Result));
        var live = await H.Ec2.DescribeVpcAttributeAsync(new DescribeVpcAttributeRequest { VpcId = vpc, Attribute = Amazon.EC2.VpcAttributeName.EnableDnsHostnames });
        Assert.True(live.EnableDnsHostnames);
    }
}
