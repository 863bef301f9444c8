using Reconciler.Aws.Elbv2;
using Reconciler.Aws.Http;
using Reconciler.Tests.Aws.Http;

namespace Reconciler.Tests.Aws.Elbv2;

/// <summary>Every ELBv2 operation we call, against botocore's model: inputs we send, outputs we read, list member names.</summary>
public sealed class ElasticLoadBalancingV2ApiModelTests
{
    private static readonly BotocoreModel Model = BotocoreModel.Load("elbv2");

    public static TheoryData<string, string[], string[]> Operations => new()
    {
        { "DescribeLoadBalancers", ["Marker", "PageSize"], ["NextMarker", "LoadBalancers.member.LoadBalancerArn", "LoadBalancers.member.LoadBalancerName", "LoadBalancers.member.Scheme", "LoadBalancers.member.State.Code", "LoadBalancers.member.DNSName", "LoadBalancers.member.CanonicalHostedZoneId", "LoadBalancers.member.AvailabilityZones.member.SubnetId", "LoadBalancers.member.SecurityGroups"] },
        { "DescribeTargetGroups", ["Marker", "PageSize"], ["NextMarker", "TargetGroups.member.TargetGroupArn", "TargetGroups.member.TargetGroupName", "TargetGroups.member.Protocol", "TargetGroups.member.Port", "TargetGroups.member.VpcId", "TargetGroups.member.TargetType", "TargetGroups.member.HealthCheckPath", "TargetGroups.member.Matcher.HttpCode", "TargetGroups.member.HealthCheckIntervalSeconds", "TargetGroups.member.HealthyThresholdCount", "TargetGroups.member.UnhealthyThresholdCount"] },
        { "DescribeListeners", ["LoadBalancerArn", "ListenerArns", "Marker", "PageSize"], ["NextMarker", "Listeners.member.ListenerArn", "Listeners.member.LoadBalancerArn", "Listeners.member.Protocol", "Listeners.member.Port", "Listeners.member.Certificates.member.CertificateArn", "Listeners.member.DefaultActions.member.Type", "Listeners.member.DefaultActions.member.TargetGroupArn", "Listeners.member.DefaultActions.member.RedirectConfig.Protocol", "Listeners.member.DefaultActions.member.RedirectConfig.Port", "Listeners.member.DefaultActions.member.RedirectConfig.StatusCode"] },
        { "DescribeRules", ["ListenerArn", "Marker", "PageSize"], ["NextMarker", "Rules.member.RuleArn", "Rules.member.IsDefault"] },
        { "DescribeTags", ["ResourceArns"], ["TagDescriptions.member.ResourceArn", "TagDescriptions.member.Tags.member.Key", "TagDescriptions.member.Tags.member.Value"] },
        { "CreateLoadBalancer", ["Name", "Type", "Scheme", "IpAddressType", "Subnets", "SecurityGroups", "Tags.member.Key", "Tags.member.Value"], ["LoadBalancers.member.LoadBalancerArn", "LoadBalancers.member.State.Code"] },
        { "SetSubnets", ["LoadBalancerArn", "Subnets"], [] },
        { "SetSecurityGroups", ["LoadBalancerArn", "SecurityGroups"], [] },
        { "DeleteLoadBalancer", ["LoadBalancerArn"], [] },
        { "CreateTargetGroup", ["Name", "Protocol", "Port", "VpcId", "TargetType", "HealthCheckPath", "Matcher.HttpCode", "HealthCheckIntervalSeconds", "HealthyThresholdCount", "UnhealthyThresholdCount", "Tags.member.Key", "Tags.member.Value"], ["TargetGroups.member.TargetGroupArn"] },
        { "ModifyTargetGroup", ["TargetGroupArn", "HealthCheckPath", "Matcher.HttpCode", "HealthCheckIntervalSeconds", "HealthyThresholdCount", "UnhealthyThresholdCount"], [] },
        { "DeleteTargetGroup", ["TargetGroupArn"], [] },
        { "CreateListener", ["LoadBalancerArn", "Protocol", "Port", "Certificates.member.CertificateArn", "DefaultActions.member.Type", "DefaultActions.member.TargetGroupArn", "DefaultActions.member.RedirectConfig.Protocol", "DefaultActions.member.RedirectConfig.Port", "DefaultActions.member.RedirectConfig.StatusCode", "Tags.member.Key", "Tags.member.Value"], ["Listeners.member.ListenerArn"] },
        { "ModifyListener", ["ListenerArn", "Protocol", "Port", "Certificates.member.CertificateArn", "DefaultActions.member.Type", "DefaultActions.member.TargetGroupArn", "DefaultActions.member.RedirectConfig.Protocol", "DefaultActions.member.RedirectConfig.Port", "DefaultActions.member.RedirectConfig.StatusCode"], [] },
        { "DeleteListener", ["ListenerArn"], [] },
        { "AddTags", ["ResourceArns", "Tags.member.Key", "Tags.member.Value"], [] },
    };

    public static TheoryData<string, string> Lists => new()
    {
        { "DescribeTags", "ResourceArns" },
        { "DescribeListeners", "ListenerArns" },
        { "CreateLoadBalancer", "Subnets" },
        { "CreateLoadBalancer", "SecurityGroups" },
        { "CreateLoadBalancer", "Tags" },
        { "SetSubnets", "Subnets" },
        { "SetSecurityGroups", "SecurityGroups" },
        { "CreateTargetGroup", "Tags" },
        { "CreateListener", "Certificates" },
        { "CreateListener", "DefaultActions" },
        { "CreateListener", "Tags" },
        { "ModifyListener", "Certificates" },
        { "ModifyListener", "DefaultActions" },
        { "AddTags", "ResourceArns" },
        { "AddTags", "Tags" },
    };

    [Theory]
    [MemberData(nameof(Operations))]
    public void Operation_Should_MatchBotocore_When_ItsMembersAreSentAndRead(string operation, string[] inputs, string[] outputs)
        => Model.AssertOperation(operation, inputs, outputs);

    [Theory]
    [MemberData(nameof(Lists))]
    public void QueryList_Should_UseTheMemberName_When_Flattened(string operation, string list)
    {
        // QueryParams.List and Structures flatten as Name.member.N.
        Assert.Equal("member", Model.ListMemberName(operation, list));
    }

    [Fact]
    public void Limits_Should_MatchTheModel_When_Batching()
    {
        // DescribeTags' limit of 20 ARNs is documented, not encoded in the model (ResourceArns has no max).
        Assert.Equal(20, ElasticLoadBalancingV2Api.TagBatch);
        // Nor has DescribeListeners' ListenerArns a max: the batch is ours, kept at DescribeTags' 20.
        Assert.False(Model.Member("DescribeListeners", input: true, "ListenerArns").TryGetProperty("max", out _));
        Assert.Equal(ElasticLoadBalancingV2Api.TagBatch, ElasticLoadBalancingV2Api.ListenerBatch);
        var pageSize = Model.Member("DescribeLoadBalancers", input: true, "PageSize");
        Assert.Equal(ElasticLoadBalancingV2Api.PageSize, pageSize.GetProperty("max").GetInt32());
        Assert.Equal(AwsServices.Elbv2.ApiVersion, Model.Metadata.GetProperty("apiVersion").GetString());
    }
}
