using Amazon.EC2.Model;
using Reconciler.Aws;
using Reconciler.Aws.Http;
using Reconciler.Tests.Behaviours.Rules;
using Reconciler.Tests.Integration;

namespace Reconciler.Tests.Behaviours;

/// <summary>The rule plays ELBv2's request rule: the health-check timeout must be less than the interval.</summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "Integration")]
public sealed class HealthCheckIntervalRuleTests(MotoServer moto)
{
    [Fact]
    public async Task Before_Should_AnswerValidationError_When_TheTimeoutIsNotLessThanTheInterval()
    {
        var rule = new HealthCheckIntervalRule();
        await using var layer = await LayeredHarness.StartAsync(moto, [rule]);
        var elb = layer.H.Aws.Query(AwsServices.Elbv2, EngineHarness.Region);
        var vpc = (await layer.H.Ec2.CreateVpcAsync(new CreateVpcRequest { CidrBlock = "10.8.0.0/16" })).Vpc.VpcId;
        QueryParams Group(string name, int interval, int timeout) => new QueryParams().Add("Name", name).Add("Protocol", "HTTP").Add("Port", 80).Add("VpcId", vpc)
            .Add("HealthCheckIntervalSeconds", interval).Add("HealthCheckTimeoutSeconds", timeout);

        var refused = Assert.IsType<AwsApiException>((await Assert.ThrowsAsync<AwsCallException>(() =>
            elb.CallAsync("CreateTargetGroup", Group(TestSpecs.UniqueName("hc"), 5, 5), CallPurpose.Create, CancellationToken.None))).InnerException);
        var created = await elb.CallAsync("CreateTargetGroup", Group(TestSpecs.UniqueName("hc"), 10, 5), CallPurpose.Create, CancellationToken.None);

        Assert.Equal(("ValidationError", 400), (refused.Code, (int)refused.Status));
        Assert.Contains(created.Descendants(), e => e.Name.LocalName == "TargetGroupArn");
        Assert.Equal(1, rule.Played);
    }
}
