using Amazon.EC2;
using Amazon.EC2.Model;
using Microsoft.Extensions.Time.Testing;
using Reconciler.Tests.Behaviours.Rules;
using Reconciler.Tests.Integration;

namespace Reconciler.Tests.Behaviours;

/// <summary>The rule plays EC2's eventual consistency: DescribeInstances by id right after RunInstances does not find it.</summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "Integration")]
public sealed class DescribeAfterCreateRuleTests(MotoServer moto)
{
    [Fact]
    public async Task Before_Should_AnswerNotFound_When_TheInstanceWasLaunchedLessThanTheWindowAgo()
    {
        var rule = new DescribeAfterCreateRule();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var layer = await LayeredHarness.StartAsync(moto, [rule], time: clock);
        var image = (await layer.H.Ec2.DescribeImagesAsync(new DescribeImagesRequest { Owners = ["amazon"] })).Images[0].ImageId;
        var id = (await layer.Ec2.RunInstancesAsync(new RunInstancesRequest { ImageId = image, MinCount = 1, MaxCount = 1, InstanceType = "t3.small" })).Reservation.Instances[0].InstanceId;

        var missing = await Assert.ThrowsAsync<AmazonEC2Exception>(() => layer.Ec2.DescribeInstancesAsync(new DescribeInstancesRequest { InstanceIds = [id] }));
        clock.Advance(rule.Window);
        var found = await layer.Ec2.DescribeInstancesAsync(new DescribeInstancesRequest { InstanceIds = [id] });

        Assert.Equal("InvalidInstanceID.NotFound", missing.ErrorCode);
        Assert.Equal(id, Assert.Single(Assert.Single(found.Reservations).Instances).InstanceId);
        Assert.Equal(1, rule.Played); // the NotFound came from the rule, not from moto
        await layer.H.Ec2.TerminateInstancesAsync(new TerminateInstancesRequest { InstanceIds = [id] });
    }
}
