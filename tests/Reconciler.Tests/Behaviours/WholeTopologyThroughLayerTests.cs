using System.Diagnostics;
using Amazon.EC2.Model;
using Reconciler.Model.Planning;
using Reconciler.Tests.Behaviours.Rules;
using Reconciler.Tests.Integration;
using Xunit.Abstractions;

namespace Reconciler.Tests.Behaviours;

/// <summary>
/// The whole sample through the AWS behaviours layer on the shared moto_server: apply converges, two plans in a row
/// show nothing to do, destroy leaves only what deletion protection keeps. A test that passes on bare moto
/// (<see cref="WholeTopologyTests"/>) but fails here is a bug in the product, not in the test.
/// </summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "Integration")]
[Trait("Layer", "Behaviours")]
public sealed class WholeTopologyThroughLayerTests(MotoServer moto, ITestOutputHelper output)
{
    /// <summary>Retained by destroy: the database (deletion protection) and what it stands on (see WholeTopologyTests).</summary>
    private static readonly string[] Retained =
        ["db-instance/app-db", "db-subnet-group/app-db", "security-group/db", "security-group/web", "subnet/private-a", "subnet/private-c", "subnet/private-d", "vpc/main"];

    /// <summary>The same with the database named App-db (RDS keeps its names in lower case).</summary>
    private static readonly string[] RetainedWithCapitals =
        ["db-instance/App-db", "db-subnet-group/App-db", "security-group/db", "security-group/web", "subnet/private-a", "subnet/private-c", "subnet/private-d", "vpc/main"];

    [Fact]
    public async Task Apply_Should_ConvergeRepairDriftStayStillAndDestroy_When_TheSampleRunsThroughTheLayer()
    {
        var proxy = await Lifecycle(TestSpecs.UniqueName("layer"), drift: true);

        // The layer did play against the product: time, lag and lingering dependencies all met it and were handled.
        Assert.All(
            new BehaviourRule[] { proxy.Rule<IamPropagationRule>(), proxy.Rule<CertificateInUseRule>(), proxy.Rule<TaggingLagRule>(), proxy.Rule<LoadBalancerProvisioningRule>(), proxy.Rule<NatGatewayPendingRule>(), proxy.Rule<DbInstanceLifecycleRule>(), proxy.Rule<LingeringNetworkInterfacesRule>(), proxy.Rule<DeploymentRollingRule>(), proxy.Rule<IamPropagationToEcsRule>(), proxy.Rule<EcsServiceDrainingRule>() },
            r => Assert.True(r.Played > 0, $"{r.Name} never played"));

        // The cluster waited for its draining service (readiness) instead of being refused by ECS.
        Assert.Equal(0, proxy.Rule<EcsServiceDrainingRule>().Refused);

        // The spec validation keeps every name within the services' rules: AWS never had to refuse one.
        Assert.Equal(0, proxy.Rule<NameRulesRule>().Played);
    }

    [Fact]
    public async Task Apply_Should_ConvergeStayStillAndDestroy_When_NamesAndOrdersComeBackInAnotherForm()
    {
        var proxy = await Lifecycle(TestSpecs.UniqueName("wild"), text => text
            .Replace($"      {TestSpecs.OwnExecutionRole}\n", $"      {TestSpecs.OwnExecutionRole}\n      taskRole: ecsTaskExecutionRole\n", StringComparison.Ordinal)
            .Replace("    - name: app-db\n", "    - name: App-db\n", StringComparison.Ordinal)
            .Replace("database: app-db,", "database: App-db,", StringComparison.Ordinal)
            .Replace("            DJANGO_SETTINGS_MODULE: app.settings.production\n", "            DJANGO_SETTINGS_MODULE: app.settings.production\n            A_FIRST: \"1\"\n            Z_LAST: \"2\"\n", StringComparison.Ordinal)
            .Replace("    records:\n", "    records:\n      - { name: \"*.wildcard.example.com\", target: { loadBalancer: app } }\n", StringComparison.Ordinal),
            retained: RetainedWithCapitals);

        Assert.True(proxy.Rule<Route53NameFormRule>().Played > 0 && proxy.Rule<EnvironmentOrderRule>().Played > 0 && proxy.Rule<TaskRoleArnsRule>().Played > 0 && proxy.Rule<ListOrderRule>().Played > 0, proxy.PlayedSummary);
    }

    /// <returns>The proxy, stopped, with its rules' counts.</returns>
    private async Task<BehavioursProxy> Lifecycle(string env, Func<string, string>? edit = null, bool drift = false, string[]? retained = null)
    {
        await using var layer = await LayeredHarness.StartAsync(moto);
        var (_, graph) = TestSpecs.Load(TestSpecs.Isolated(env, edit));
        var clock = Stopwatch.StartNew();

        var applied = await layer.H.Engine.ApplyAsync(graph, new PlanOptions(Prune: true), CancellationToken.None);
        output.WriteLine($"apply: {clock.Elapsed.TotalSeconds:F1} s, {layer.Proxy.Calls.Count} calls");
        output.WriteLine(string.Join(", ", layer.Proxy.Calls.Where(c => c.Contains(":Create", StringComparison.Ordinal) || c.Contains(":Register", StringComparison.Ordinal) || c.Contains(":Run", StringComparison.Ordinal) || c.Contains(":Request", StringComparison.Ordinal) || c.Contains(":Allocate", StringComparison.Ordinal))
            .GroupBy(c => c).Select(g => $"{g.Key} {g.Count()}")));
        Assert.True(applied.Converged, Failures(applied) + "\n" + layer.H.LogText);

        foreach (var pass in new[] { 1, 2 })
        {
            var plan = await layer.H.Engine.PlanAsync(graph, new PlanOptions(true), CancellationToken.None);
            Assert.False(plan.HasChanges, $"plan {pass}:\n" + Reconciler.Cli.PlanPrinter.Text(plan, "test"));
        }

        if (drift)
        {
            await RepairDrift(layer, graph);
        }

        clock.Restart();
        var destroyed = await layer.H.Engine.ApplyAsync(graph, new PlanOptions(true, Destroy: true), CancellationToken.None);
        output.WriteLine($"destroy: {clock.Elapsed.TotalSeconds:F1} s; rules played: {layer.Proxy.PlayedSummary}");
        Assert.True(destroyed.Converged, Failures(destroyed) + "\n" + layer.H.LogText);
        var after = await layer.H.Engine.PlanAsync(graph, new PlanOptions(true, Destroy: true), CancellationToken.None);
        Assert.Equal(retained ?? Retained, after.Steps.Where(s => s.Observed is not null).Select(s => s.LogicalId).Order());
        return layer.Proxy;
    }

    /// <summary>Someone opens a port on the web group outside the spec: the plan shows exactly that, apply repairs it.</summary>
    private static async Task RepairDrift(LayeredHarness layer, Reconciler.Model.Graph.ResourceGraph graph)
    {
        var web = (await layer.H.Engine.PlanAsync(graph, new PlanOptions(true), CancellationToken.None)).Steps.Single(s => s.LogicalId == "security-group/web").AwsId!;
        await layer.H.Ec2.AuthorizeSecurityGroupIngressAsync(new AuthorizeSecurityGroupIngressRequest
        {
            GroupId = web,
            IpPermissions = [new IpPermission { IpProtocol = "tcp", FromPort = 3306, ToPort = 3306, Ipv4Ranges = [new IpRange { CidrIp = "0.0.0.0/0" }] }],
        });

        var drifted = await layer.H.Engine.PlanAsync(graph, new PlanOptions(true), CancellationToken.None);
        var step = Assert.Single(drifted.Changes);
        Assert.Equal(("security-group/web", PlanAction.Update, "ingress"), (step.LogicalId, step.Action, Assert.Single(step.Changes).Path));
        var repaired = await layer.H.Engine.ApplyAsync(graph, new PlanOptions(true), CancellationToken.None);
        Assert.True(repaired.Converged, Failures(repaired));
        Assert.False((await layer.H.Engine.PlanAsync(graph, new PlanOptions(true), CancellationToken.None)).HasChanges);
    }

    private static string Failures(Reconciler.Engine.ApplyResult result) =>
        string.Join("\n", result.Failed.Select(f => $"{f.Step.LogicalId}: {f.Message}")) + "\n" +
        string.Join("\n", result.Waiting.Select(f => $"{f.Step.LogicalId}: {f.Message}"));
}
