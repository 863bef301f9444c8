using System.Text.Json;
using Amazon.EC2.Model;
using Microsoft.Extensions.Time.Testing;
using Reconciler.Aws;
using Reconciler.Aws.Http;
using Reconciler.Tests.Behaviours.Rules;
using Reconciler.Tests.Integration;

namespace Reconciler.Tests.Behaviours;

/// <summary>The rule plays ACM's in-use window: a certificate stays in use after its listener is deleted (terraform-provider-aws#3866).</summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "Integration")]
public sealed class CertificateInUseRuleTests(MotoServer moto)
{
    [Fact]
    public async Task Before_Should_AnswerResourceInUse_When_TheListenerWasDeletedLessThanTheWindowAgo()
    {
        var rule = new CertificateInUseRule();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var layer = await LayeredHarness.StartAsync(moto, [rule], time: clock);
        var acm = layer.H.Aws.Json(AwsServices.Acm, EngineHarness.Region);
        var elb = layer.H.Aws.Query(AwsServices.Elbv2, EngineHarness.Region);
        var name = TestSpecs.UniqueName("cert");
        var vpc = (await layer.H.Ec2.CreateVpcAsync(new CreateVpcRequest { CidrBlock = "10.9.0.0/16" })).Vpc.VpcId;
        var subnets = new List<string>();
        foreach (var (cidr, zone) in new[] { ("10.9.1.0/24", "ap-northeast-1a"), ("10.9.2.0/24", "ap-northeast-1c") })
        {
            subnets.Add((await layer.H.Ec2.CreateSubnetAsync(new CreateSubnetRequest { VpcId = vpc, CidrBlock = cidr, AvailabilityZone = zone })).Subnet.SubnetId);
        }

        var certificate = (await acm.CallAsync<object, JsonElement>("RequestCertificate", new { DomainName = $"{name}.example.com", ValidationMethod = "DNS" }, CallPurpose.Create, CancellationToken.None))
            .GetProperty("CertificateArn").GetString()!;
        var balancer = (await elb.CallAsync("CreateLoadBalancer", new QueryParams().Add("Name", name).List("Subnets", subnets), CallPurpose.Create, CancellationToken.None))
            .Descendants().First(e => e.Name.LocalName == "LoadBalancerArn").Value;
        var listener = (await elb.CallAsync("CreateListener", new QueryParams().Add("LoadBalancerArn", balancer).Add("Protocol", "HTTPS").Add("Port", 443)
                .Structures("Certificates", [certificate], c => [("CertificateArn", c)])
                .Structures("DefaultActions", ["x"], _ => [("Type", "fixed-response"), ("FixedResponseConfig.StatusCode", "200")]), CallPurpose.Create, CancellationToken.None))
            .Descendants().First(e => e.Name.LocalName == "ListenerArn").Value;
        Task Delete() => acm.CallAsync<object, JsonElement>("DeleteCertificate", new { CertificateArn = certificate }, CallPurpose.Read, CancellationToken.None);

        var whileAttached = await Refused(Delete);
        await elb.CallAsync("DeleteListener", new QueryParams().Add("ListenerArn", listener), CallPurpose.Delete, CancellationToken.None);
        var rightAfter = await Refused(Delete);
        clock.Advance(rule.Window);
        await Delete();

        Assert.Equal("ResourceInUseException", whileAttached.Code);
        Assert.Equal("ResourceInUseException", rightAfter.Code);
        Assert.Contains(certificate, rightAfter.AwsMessage, StringComparison.Ordinal);
        Assert.Equal(2, rule.Played); // both refusals came from the rule: moto deletes a certificate even while attached
        await elb.CallAsync("DeleteLoadBalancer", new QueryParams().Add("LoadBalancerArn", balancer), CallPurpose.Delete, CancellationToken.None);
    }

    /// <summary>The AWS error under the call runner's exception.</summary>
    private static async Task<AwsApiException> Refused(Func<Task> call) =>
        Assert.IsType<AwsApiException>((await Assert.ThrowsAsync<AwsCallException>(call)).InnerException);
}
