using Amazon.EC2.Model;
using Reconciler.Aws;
using Reconciler.Aws.Rds;
using Reconciler.Tests.Integration;

namespace Reconciler.Tests.Aws.Rds;

/// <summary>The RDS client's subnet-group and tag operations against moto_server (the instance operations run in the provider tests).</summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "Integration")]
public sealed class RdsApiTests : IDisposable
{
    private readonly TopologyHarness _t = new();

    public void Dispose() => _t.Dispose();

    [Fact]
    public async Task SubnetGroupOperations_Should_CreateModifyTagListAndDelete_When_CalledInTurn()
    {
        var name = TestSpecs.UniqueName("sg-api");
        var vpc = (await _t.H.Ec2.CreateVpcAsync(new CreateVpcRequest { CidrBlock = "10.1.0.0/16" })).Vpc.VpcId;
        var a = (await _t.H.Ec2.CreateSubnetAsync(new CreateSubnetRequest { VpcId = vpc, CidrBlock = "10.1.0.0/24", AvailabilityZone = "ap-northeast-1a" })).Subnet.SubnetId;
        var c = (await _t.H.Ec2.CreateSubnetAsync(new CreateSubnetRequest { VpcId = vpc, CidrBlock = "10.1.1.0/24", AvailabilityZone = "ap-northeast-1c" })).Subnet.SubnetId;
        var rds = _t.Rds;

        var created = await rds.CreateDbSubnetGroupAsync(new CreateDbSubnetGroupRequest(name, "test", [a], new Dictionary<string, string> { ["k"] = "v" }), CancellationToken.None);
        await rds.AddTagsToResourceAsync(created.Arn, new Dictionary<string, string> { ["k2"] = "v2" }, CancellationToken.None);
        var tags = await rds.ListTagsForResourceAsync(created.Arn, CancellationToken.None);
        var listed = Assert.Single(await rds.DescribeDbSubnetGroupsAsync(CancellationToken.None), g => g.Name == name);
        await rds.DeleteDbSubnetGroupAsync(name, CancellationToken.None);
        var gone = await Assert.ThrowsAsync<AwsCallException>(() => rds.DeleteDbSubnetGroupAsync(name, CancellationToken.None));
        // moto 5.2 drops a subnet group from its store on ModifyDBSubnetGroup (it pops it and never puts it back), so
        // the modification is checked on its answer alone, with a group of its own.
        await rds.CreateDbSubnetGroupAsync(new CreateDbSubnetGroupRequest(name + "-m", "test", [a], new Dictionary<string, string>()), CancellationToken.None);
        var modified = await rds.ModifyDbSubnetGroupAsync(name + "-m", [a, c], CancellationToken.None);

        Assert.Equal((name, vpc), (created.Name, created.VpcId));
        Assert.Equal(new Dictionary<string, string> { ["k"] = "v", ["k2"] = "v2" }, tags);
        Assert.Equal(created.Arn, listed.Arn);
        Assert.Equal([a], listed.SubnetIds);
        Assert.Equal("DBSubnetGroupNotFoundFault", gone.Error.Code);
        Assert.Equal(AwsErrorKind.NotFound, gone.Error.Kind);
        Assert.Equal(new[] { a, c }.Order(), modified.SubnetIds.Order());
    }
}
