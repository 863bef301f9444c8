using Amazon.EC2;
using Amazon.EC2.Model;
using Reconciler.Tests.Behaviours.Rules;
using Reconciler.Tests.Integration;

namespace Reconciler.Tests.Behaviours;

/// <summary>The rule plays EC2's refusal to detach an internet gateway while addresses are mapped in its VPC.</summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "Integration")]
public sealed class MappedAddressesRuleTests(MotoServer moto)
{
    [Fact]
    public async Task Before_Should_AnswerDependencyViolation_When_AnElasticIpIsAssociatedInTheVpc()
    {
        var rule = new MappedAddressesRule();
        await using var layer = await LayeredHarness.StartAsync(moto, [rule]);
        var ec2 = layer.Ec2;
        var image = (await layer.H.Ec2.DescribeImagesAsync(new DescribeImagesRequest { Owners = ["amazon"] })).Images[0].ImageId;
        var vpc = (await ec2.CreateVpcAsync(new CreateVpcRequest { CidrBlock = "10.7.0.0/16" })).Vpc.VpcId;
        var subnet = (await ec2.CreateSubnetAsync(new CreateSubnetRequest { VpcId = vpc, CidrBlock = "10.7.1.0/24" })).Subnet.SubnetId;
        var gateway = (await ec2.CreateInternetGatewayAsync(new CreateInternetGatewayRequest())).InternetGateway.InternetGatewayId;
        await ec2.AttachInternetGatewayAsync(new AttachInternetGatewayRequest { InternetGatewayId = gateway, VpcId = vpc });
        var instance = (await ec2.RunInstancesAsync(new RunInstancesRequest { ImageId = image, MinCount = 1, MaxCount = 1, InstanceType = "t3.small", SubnetId = subnet })).Reservation.Instances[0].InstanceId;
        var allocation = (await ec2.AllocateAddressAsync(new AllocateAddressRequest { Domain = DomainType.Vpc })).AllocationId;
        var association = (await ec2.AssociateAddressAsync(new AssociateAddressRequest { AllocationId = allocation, InstanceId = instance })).AssociationId;
        var detach = new DetachInternetGatewayRequest { InternetGatewayId = gateway, VpcId = vpc };

        var refused = await Assert.ThrowsAsync<AmazonEC2Exception>(() => ec2.DetachInternetGatewayAsync(detach));
        await ec2.DisassociateAddressAsync(new DisassociateAddressRequest { AssociationId = association });
        await ec2.DetachInternetGatewayAsync(detach);

        Assert.Equal("DependencyViolation", refused.ErrorCode);
        Assert.Contains($"Network {vpc} has some mapped public address(es)", refused.Message, StringComparison.Ordinal);
        Assert.Equal(1, rule.Played);
        await layer.H.Ec2.TerminateInstancesAsync(new TerminateInstancesRequest { InstanceIds = [instance] });
    }
}
