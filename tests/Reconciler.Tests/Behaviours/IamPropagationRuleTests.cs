using Amazon.EC2;
using Amazon.EC2.Model;
using Microsoft.Extensions.Time.Testing;
using Reconciler.Aws;
using Reconciler.Aws.Http;
using Reconciler.Tests.Behaviours.Rules;
using Reconciler.Tests.Integration;

namespace Reconciler.Tests.Behaviours;

/// <summary>The rule plays IAM's propagation to EC2: a new instance profile is "invalid" for RunInstances for a while.</summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "Integration")]
public sealed class IamPropagationRuleTests(MotoServer moto)
{
    [Fact]
    public async Task Before_Should_AnswerInvalidIamInstanceProfile_When_TheProfileIsYoungerThanTheWindow()
    {
        var rule = new IamPropagationRule();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var layer = await LayeredHarness.StartAsync(moto, [rule], time: clock);
        var image = (await layer.H.Ec2.DescribeImagesAsync(new DescribeImagesRequest { Owners = ["amazon"] })).Images[0].ImageId;
        var iam = layer.H.Aws.Query(AwsServices.Iam, EngineHarness.Region);
        var name = TestSpecs.UniqueName("profile");
        await iam.CallAsync("CreateInstanceProfile", new QueryParams().Add("InstanceProfileName", name), CallPurpose.Create, CancellationToken.None);
        RunInstancesRequest Launch() => new()
        {
            ImageId = image, MinCount = 1, MaxCount = 1, InstanceType = "t3.small",
            IamInstanceProfile = new IamInstanceProfileSpecification { Name = name },
        };

        var refused = await Assert.ThrowsAsync<AmazonEC2Exception>(() => layer.Ec2.RunInstancesAsync(Launch()));
        clock.Advance(rule.Window);
        var launched = await layer.Ec2.RunInstancesAsync(Launch());

        Assert.Equal("InvalidParameterValue", refused.ErrorCode);
        Assert.Equal($"Value ({name}) for parameter iamInstanceProfile.name is invalid. Invalid IAM Instance Profile name", refused.Message);
        Assert.Single(launched.Reservation.Instances);
        Assert.Equal(1, rule.Played); // the refusal came from the rule, not from moto
        await layer.H.Ec2.TerminateInstancesAsync(new TerminateInstancesRequest { InstanceIds = [launched.Reservation.Instances[0].InstanceId] });
    }
}
