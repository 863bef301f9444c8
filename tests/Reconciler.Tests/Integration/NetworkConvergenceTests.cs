using Amazon.EC2.Model;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;

namespace Reconciler.Tests.Integration;

[Collection(MotoCollection.Name)]
[Trait("Category", "Integration")]
public sealed class NetworkConvergenceTests : IDisposable
{
    private readonly EngineHarness _h = new();

    public void Dispose() => _h.Dispose();

    private static readonly string[] NetworkIds =
    [
        "vpc/main", "subnet/public-a", "subnet/public-c", "subnet/public-d", "subnet/private-a", "subnet/private-c", "subnet/private-d",
        "internet-gateway/main", "elastic-ip/nat", "nat-gateway/main", "route-table/public", "route-table/private",
        "security-group/web", "security-group/db",
    ];

    [Fact]
    public async Task Apply_Should_ConvergeTheSampleNetwork_When_TheAccountIsEmpty()
    {
        var env = TestSpecs.UniqueName("net");
        var (_, graph) = TestSpecs.Load(TestSpecs.Isolated(env));

        var result = await _h.Engine.ApplyAsync(graph, new PlanOptions(Prune: true), CancellationToken.None);

        Assert.True(result.Converged, _h.LogText);
        var plan = await _h.Engine.PlanAsync(graph, new PlanOptions(Prune: true), CancellationToken.None);
        Assert.False(plan.HasChanges);
        Assert.Subset(plan.Steps.Where(s => s.Action == PlanAction.NoOp).Select(s => s.LogicalId).ToHashSet(), NetworkIds.ToHashSet());

        // Every EC2 resource carries both ownership tags and the spec's tags, set at creation.
        var tags = await _h.OwnershipTags(env);
        var byResource = tags.GroupBy(t => t.ResourceId).ToList();
        var logicalIds = new List<string>();
        foreach (var resource in byResource)
        {
            var all = await _h.Ec2.DescribeTagsAsync(new DescribeTagsRequest { Filters = [new Filter("resource-id", [resource.Key])] });
            logicalIds.Add(Assert.Single(all.Tags, t => t.Key == Ownership.LogicalIdTag).Value);
            Assert.Contains(all.Tags, t => t.Key == "project" && t.Value == "demo");
        }

        Assert.Subset(logicalIds.ToHashSet(), NetworkIds.ToHashSet());
        Assert.Equal(logicalIds.Count, logicalIds.Distinct().Count() + 2); // each host's volume carries its instance's logical id
    }

    [Fact]
    public async Task Apply_Should_MakeNoMutatingCall_When_TheEnvironmentIsInSync()
    {
        var env = TestSpecs.UniqueName("idem");
        var (_, graph) = TestSpecs.Load(TestSpecs.Isolated(env));
        Assert.True((await _h.Engine.ApplyAsync(graph, new PlanOptions(true), CancellationToken.None)).Converged, _h.LogText);
        var before = _h.Aws.Metrics.Snapshot();

        var second = await _h.Engine.ApplyAsync(graph, new PlanOptions(true), CancellationToken.None);

        Assert.True(second.Converged);
        Assert.Equal(0, second.Passes);
        var after = _h.Aws.Metrics.Snapshot();
        var mutating = after.Where(kv => AwsCallMetricsIsMutating(kv.Key.Operation))
            .Sum(kv => kv.Value - before.GetValueOrDefault(kv.Key));
        Assert.Equal(0, mutating);
        // Pages that grow with what else the region holds, not with this environment (docs/observation.md): the
        // region's ACTIVE task definition revisions, 100 per page. This test shares its account with every other
        // test's environments, so they are left out.
        string[] accountWide = ["ListTaskDefinitions"];
        var reads = after.Where(kv => !accountWide.Contains(kv.Key.Operation)).Sum(kv => kv.Value - before.GetValueOrDefault(kv.Key));
        var breakdown = string.Join(", ", after.Where(kv => kv.Value > before.GetValueOrDefault(kv.Key)).OrderBy(kv => kv.Key).Select(kv => $"{kv.Key.Service}:{kv.Key.Operation}={kv.Value - before.GetValueOrDefault(kv.Key)}"));
        Assert.True(reads is >= 1 and <= 40, $"{reads} reads: {breakdown}"); // one listing per kind (24), plus what some APIs cannot batch (docs/observation.md)
    }

    private static bool AwsCallMetricsIsMutating(string operation) => Reconciler.Aws.AwsCallMetrics.IsMutating(operation);

    [Fact]
    public async Task Apply_Should_ChangeExactlyTheEditedRule_When_AnIngressPortChanges()
    {
        var env = TestSpecs.UniqueName("edit");
        var (_, graph) = TestSpecs.Load(TestSpecs.Isolated(env));
        Assert.True((await _h.Engine.ApplyAsync(graph, new PlanOptions(true), CancellationToken.None)).Converged, _h.LogText);
        var (_, edited) = TestSpecs.Load(TestSpecs.Isolated(env, t => t.Replace("port: 443, cidr", "port: 8443, cidr", StringComparison.Ordinal)));

        var plan = await _h.Engine.PlanAsync(edited, new PlanOptions(true), CancellationToken.None);

        Assert.True(plan.Changes.Count() == 1, string.Join("\n", plan.Changes.Select(c => $"{c.Action} {c.LogicalId}: {string.Join(", ", c.Changes)}")));
        var step = Assert.Single(plan.Changes);
        Assert.Equal(PlanAction.Update, step.Action);
        Assert.Equal("security-group/web", step.LogicalId);
        var change = Assert.Single(step.Changes);
        Assert.Equal("ingress", change.Path);
        Assert.Equal(["tcp:8443-8443:0.0.0.0/0"], change.Added);
        Assert.Equal(["tcp:443-443:0.0.0.0/0"], change.Removed);

        var before = _h.Aws.Metrics.Snapshot();
        Assert.True((await _h.Engine.ApplyAsync(edited, new PlanOptions(true), CancellationToken.None)).Converged, _h.LogText);
        var calls = _h.Aws.Metrics.Snapshot()
            .Where(kv => Reconciler.Aws.AwsCallMetrics.IsMutating(kv.Key.Operation) && kv.Value > before.GetValueOrDefault(kv.Key))
            .Select(kv => kv.Key.Operation).Order().ToList();
        Assert.Equal(["AuthorizeSecurityGroupIngress", "RevokeSecurityGroupIngress"], calls);
    }

    [Fact]
    public async Task Apply_Should_RepairDrift_When_SomeoneChangesOwnedResourcesByHand()
    {
        var env = TestSpecs.UniqueName("drift");
        var (_, graph) = TestSpecs.Load(TestSpecs.Isolated(env));
        Assert.True((await _h.Engine.ApplyAsync(graph, new PlanOptions(true), CancellationToken.None)).Converged, _h.LogText);
        var plan = await _h.Engine.PlanAsync(graph, new PlanOptions(true), CancellationToken.None);
        var web = plan.Steps.Single(s => s.LogicalId == "security-group/web").AwsId!;
        var subnet = plan.Steps.Single(s => s.LogicalId == "subnet/private-a").AwsId!;

        // By hand: open a port, auto-assign public IPs in a private subnet, retag.
        await _h.Ec2.AuthorizeSecurityGroupIngressAsync(new AuthorizeSecurityGroupIngressRequest
        {
            GroupId = web,
            IpPermissions = [new IpPermission { IpProtocol = "tcp", FromPort = 3306, ToPort = 3306, Ipv4Ranges = [new IpRange { CidrIp = "0.0.0.0/0" }] }],
        });
        await _h.Ec2.ModifySubnetAttributeAsync(new ModifySubnetAttributeRequest { SubnetId = subnet, MapPublicIpOnLaunch = true });
        await _h.Ec2.CreateTagsAsync(new CreateTagsRequest { Resources = [subnet], Tags = [new Tag("project", "other"), new Tag("owner", "someone")] });

        var drift = await _h.Engine.PlanAsync(graph, new PlanOptions(true), CancellationToken.None);
        var fields = drift.Changes.SelectMany(s => s.Changes.Select(c => $"{s.LogicalId}:{c.Path}")).Order().ToList();
        Assert.Equal(["security-group/web:ingress", "subnet/private-a:mapPublicIpOnLaunch", "subnet/private-a:tags.project"], fields);

        Assert.True((await _h.Engine.ApplyAsync(graph, new PlanOptions(true), CancellationToken.None)).Converged, _h.LogText);
        var group = (await _h.Ec2.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest { GroupIds = [web] })).SecurityGroups.Single();
        Assert.DoesNotContain(group.IpPermissions, p => p.FromPort == 3306);
        var live = (await _h.Ec2.DescribeSubnetsAsync(new DescribeSubnetsRequest { SubnetIds = [subnet] })).Subnets.Single();
        Assert.False(live.MapPublicIpOnLaunch);
        Assert.Contains(live.Tags, t => t.Key == "owner" && t.Value == "someone"); // a tag the spec does not set is left alone
    }

    [Fact]
    public async Task Destroy_Should_DeleteOnlyWhatTheEnvironmentOwns_When_UntaggedAndForeignResourcesExist()
    {
        var env = TestSpecs.UniqueName("destroy");
        var neighbour = TestSpecs.UniqueName("neighbour");
        var untaggedVpc = (await _h.Ec2.CreateVpcAsync(new CreateVpcRequest { CidrBlock = "10.0.0.0/16" })).Vpc.VpcId;
        var untaggedGroup = (await _h.Ec2.CreateSecurityGroupAsync(new CreateSecurityGroupRequest
        {
            GroupName = $"{env}-web", Description = "not ours", VpcId = untaggedVpc,
        })).GroupId;
        var (_, graph) = TestSpecs.Load(TestSpecs.Isolated(env, Unprotected));
        var (_, neighbourGraph) = TestSpecs.Load(TestSpecs.Isolated(neighbour));
        Assert.True((await _h.Engine.ApplyAsync(graph, new PlanOptions(true), CancellationToken.None)).Converged, _h.LogText);
        Assert.True((await _h.Engine.ApplyAsync(neighbourGraph, new PlanOptions(true), CancellationToken.None)).Converged, _h.LogText);
        var neighbourBefore = (await LiveOwned(neighbour)).Order().ToList();

        var destroyPlan = await _h.Engine.PlanAsync(graph, new PlanOptions(true, Destroy: true), CancellationToken.None);
        Assert.All(destroyPlan.Changes, s => Assert.Equal(PlanAction.Delete, s.Action));
        Assert.Subset(destroyPlan.Changes.Select(s => s.LogicalId).ToHashSet(), NetworkIds.ToHashSet());
        var ranks = destroyPlan.Changes.Select(s => s.Kind.Rank).ToList();
        Assert.Equal(ranks.OrderDescending(), ranks); // reverse dependency order

        var destroyed = await _h.Engine.ApplyAsync(graph, new PlanOptions(true, Destroy: true), CancellationToken.None);

        Assert.True(destroyed.Converged, _h.LogText);
        Assert.Equal(string.Empty, string.Join(", ", await LiveOwned(env)));
        Assert.Equal(neighbourBefore, (await LiveOwned(neighbour)).Order().ToList());
        var vpc = (await _h.Ec2.DescribeVpcsAsync(new DescribeVpcsRequest { VpcIds = [untaggedVpc] })).Vpcs.Single();
        Assert.Empty(vpc.Tags);
        var group = (await _h.Ec2.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest { GroupIds = [untaggedGroup] })).SecurityGroups.Single();
        Assert.Equal("not ours", group.Description);
    }

    /// <summary>The sample without the database's deletion protection, so that destroy deletes everything.</summary>
    internal static string Unprotected(string text) => text.Replace("deletionProtection: true", "deletionProtection: false", StringComparison.Ordinal);

    /// <summary>
    /// Owned resources still alive, asked type by type (moto keeps the tags of deleted resources in DescribeTags,
    /// and a deleted NAT gateway stays listed in state 'deleted').
    /// </summary>
    private async Task<List<string>> LiveOwned(string environment)
    {
        List<Filter> owned = [new Filter("tag:" + Ownership.EnvironmentTag, [environment])];
        var ids = new List<string>();
        ids.AddRange((await _h.Ec2.DescribeVpcsAsync(new DescribeVpcsRequest { Filters = owned })).Vpcs.Select(v => v.VpcId));
        ids.AddRange((await _h.Ec2.DescribeSubnetsAsync(new DescribeSubnetsRequest { Filters = owned })).Subnets.Select(v => v.SubnetId));
        ids.AddRange((await _h.Ec2.DescribeInternetGatewaysAsync(new DescribeInternetGatewaysRequest { Filters = owned })).InternetGateways.Select(v => v.InternetGatewayId));
        ids.AddRange((await _h.Ec2.DescribeAddressesAsync(new DescribeAddressesRequest { Filters = owned })).Addresses.Select(v => v.AllocationId));
        ids.AddRange((await _h.Ec2.DescribeNatGatewaysAsync(new DescribeNatGatewaysRequest { Filter = owned })).NatGateways
            .Where(g => g.State?.Value != "deleted" && g.Tags.Any(t => t.Key == Ownership.EnvironmentTag && t.Value == environment)).Select(v => v.NatGatewayId));
        ids.AddRange((await _h.Ec2.DescribeRouteTablesAsync(new DescribeRouteTablesRequest { Filters = owned })).RouteTables.Select(v => v.RouteTableId));
        ids.AddRange((await _h.Ec2.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest { Filters = owned })).SecurityGroups.Select(v => v.GroupId));
        return ids;
    }

    [Fact]
    public async Task Plan_Should_ReportAConflict_When_TwoResourcesClaimOneLogicalId()
    {
        var env = TestSpecs.UniqueName("dup");
        var (_, graph) = TestSpecs.Load(TestSpecs.Isolated(env));
        Assert.True((await _h.Engine.ApplyAsync(graph, new PlanOptions(true), CancellationToken.None)).Converged, _h.LogText);
        var vpc = (await _h.Engine.PlanAsync(graph, new PlanOptions(true), CancellationToken.None)).Steps.Single(s => s.LogicalId == "vpc/main").AwsId!;
        var igw = (await _h.Ec2.CreateInternetGatewayAsync(new CreateInternetGatewayRequest
        {
            TagSpecifications = [new TagSpecification { ResourceType = Amazon.EC2.ResourceType.InternetGateway, Tags = [new Tag(Ownership.EnvironmentTag, env), new Tag(Ownership.LogicalIdTag, "internet-gateway/main")] }],
        })).InternetGateway.InternetGatewayId;

        var plan = await _h.Engine.PlanAsync(graph, new PlanOptions(true), CancellationToken.None);
        var result = await _h.Engine.ApplyAsync(graph, new PlanOptions(true), CancellationToken.None);

        Assert.Equal(PlanAction.Conflict, plan.Steps.Single(s => s.LogicalId == "internet-gateway/main").Action);
        Assert.False(result.Converged);
        var still = await _h.Ec2.DescribeInternetGatewaysAsync(new DescribeInternetGatewaysRequest { InternetGatewayIds = [igw] });
        Assert.Single(still.InternetGateways); // reported, never silently deleted
        Assert.NotEmpty(vpc);
    }
}
