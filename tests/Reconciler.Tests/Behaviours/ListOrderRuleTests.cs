using Amazon.EC2.Model;
using Reconciler.Aws;
using Reconciler.Aws.Http;
using Reconciler.Tests.Behaviours.Rules;
using Reconciler.Tests.Integration;

namespace Reconciler.Tests.Behaviours;

/// <summary>The rule plays ELBv2's own order of a load balancer's subnets and security groups.</summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ListOrderRuleTests(MotoServer moto)
{
    [Fact]
    public async Task After_Should_AnswerTheLoadBalancersListsInAnotherOrder_When_TheyHoldSeveralItems()
    {
        var rule = new ListOrderRule();
        await using var layer = await LayeredHarness.StartAsync(moto, [rule]);
        var ec2 = layer.H.Ec2;
        var vpc = (await ec2.CreateVpcAsync(new CreateVpcRequest { CidrBlock = "10.11.0.0/16" })).Vpc.VpcId;
        var a = (await ec2.CreateSubnetAsync(new CreateSubnetRequest { VpcId = vpc, CidrBlock = "10.11.1.0/24", AvailabilityZone = EngineHarness.Region + "a" })).Subnet.SubnetId;
        var b = (await ec2.CreateSubnetAsync(new CreateSubnetRequest { VpcId = vpc, CidrBlock = "10.11.2.0/24", AvailabilityZone = EngineHarness.Region + "c" })).Subnet.SubnetId;
        var groups = new List<string>();
        foreach (var g in new[] { "one", "two" })
        {
            groups.Add((await ec2.CreateSecurityGroupAsync(new CreateSecurityGroupRequest { VpcId = vpc, GroupName = TestSpecs.UniqueName(g), Description = g })).GroupId);
        }

        var name = TestSpecs.UniqueName("order");
        var elb = layer.H.Aws.Query(AwsServices.Elbv2, EngineHarness.Region);
        await elb.CallAsync("CreateLoadBalancer", new QueryParams().Add("Name", name).Add("Subnets.member.1", a).Add("Subnets.member.2", b)
            .Add("SecurityGroups.member.1", groups[0]).Add("SecurityGroups.member.2", groups[1]), CallPurpose.Create, CancellationToken.None);
        var describe = new QueryParams().Add("Names.member.1", name);

        var layered = await elb.CallAsync("DescribeLoadBalancers", describe, CallPurpose.Read, CancellationToken.None);
        using var direct = new EngineHarness();
        var bare = await direct.Aws.Query(AwsServices.Elbv2, EngineHarness.Region).CallAsync("DescribeLoadBalancers", describe, CallPurpose.Read, CancellationToken.None);

        static (List<string> Subnets, List<string> Groups) Lists(System.Xml.Linq.XElement root) =>
            ([.. root.Named("AvailabilityZones").Single().Named("SubnetId").Select(e => e.Value)],
             [.. root.Named("SecurityGroups").Single().Elements().Select(e => e.Value)]);
        var (layerSubnets, layerGroups) = Lists(layered);
        var (bareSubnets, bareGroups) = Lists(bare);
        Assert.Equal(Enumerable.Reverse(bareSubnets), layerSubnets);
        Assert.Equal(Enumerable.Reverse(bareGroups), layerGroups);
        Assert.Equal(new[] { a, b }.Order(), layerSubnets.Order());
        Assert.Equal(1, rule.Played);
    }
}
