using System.Net;
using Reconciler.Aws;

namespace Reconciler.Tests.Aws;

public sealed class RemediesTests
{
    [Theory]
    [InlineData("AccessDenied", 403)]
    [InlineData("AccessDeniedException", 400)]
    [InlineData("UnauthorizedOperation", 403)]
    [InlineData("AuthFailure", 401)]
    [InlineData("InvalidClientTokenId", 403)]
    [InlineData("VpcLimitExceeded", 400)]
    [InlineData("AddressLimitExceeded", 400)]
    [InlineData("LimitExceededException", 400)]
    [InlineData("InstanceQuotaExceeded", 400)]
    [InlineData("InvalidParameterValue", 400)]
    [InlineData("InvalidParameterCombination", 400)]
    [InlineData("InvalidSubnet.Conflict", 400)]
    [InlineData("ValidationError", 400)]
    [InlineData("ValidationException", 400)]
    public void Classify_Should_MakeItTerminalWithARemedy_When_RetryingCannotFixIt(string code, int status)
    {
        var error = AwsError.Classify(code, (HttpStatusCode)status, "req-1");

        Assert.Equal(AwsErrorKind.Terminal, error.Kind);
        Assert.NotNull(Remedies.For("ec2", "CreateVpc", error));
    }

    [Theory]
    [InlineData("RequestLimitExceeded", 503)] // EC2's throttling, despite the name
    [InlineData("Throttling", 400)]
    [InlineData("ServiceUnavailable", 503)]
    [InlineData("InvalidVpcID.NotFound", 400)]
    [InlineData("DependencyViolation", 400)]
    public void For_Should_GiveNoRemedy_When_TheRetryLayerHandlesTheError(string code, int status)
    {
        var error = AwsError.Classify(code, (HttpStatusCode)status, null);

        Assert.NotEqual(AwsErrorKind.Terminal, error.Kind);
        Assert.Null(Remedies.For("ec2", "CreateVpc", error));
    }

    [Theory]
    [InlineData("ec2", "CreateVpc", "UnauthorizedOperation", "the credentials lack ec2:CreateVpc, or the policy's ownership condition refused it (the resource does not carry this environment's reconciler:environment tag, or the request did not send it): grant it or check the tags (see `reconciler iam-policy`)")]
    [InlineData("elbv2", "CreateLoadBalancer", "AccessDenied", "the credentials lack elasticloadbalancing:CreateLoadBalancer, or the policy's ownership condition refused it (the resource does not carry this environment's reconciler:environment tag, or the request did not send it): grant it or check the tags (see `reconciler iam-policy`)")]
    [InlineData("ec2", "DescribeVpcs", "UnauthorizedOperation", "the credentials lack ec2:DescribeVpcs: grant it (see `reconciler iam-policy`)")]
    [InlineData("tagging", "GetResources", "AccessDeniedException", "the credentials lack tag:GetResources: grant it (see `reconciler iam-policy`)")]
    [InlineData("ec2", "CreateVpc", "VpcLimitExceeded", "an account limit is reached: raise the quota (Service Quotas) or remove resources")]
    [InlineData("iam", "PutRolePolicy", "LimitExceeded", "the role's inline policies together passed IAM's 10,240-character limit (each environment that shares this execution role adds its own policy): give the environment an execution role of its own (taskDefinitions[].executionRole)")]
    [InlineData("iam", "CreateRole", "LimitExceeded", "an account limit is reached: raise the quota (Service Quotas) or remove resources")]
    [InlineData("ec2", "CreateSubnet", "InvalidParameterValue", "AWS refused the request as invalid: check the spec fields of subnet/a against AWS's message")]
    [InlineData("sts", "GetCallerIdentity", "InvalidClientTokenId", "AWS does not accept the credentials (wrong, expired or for another partition): check AWS_PROFILE, the access keys or the role this runs as")]
    [InlineData("ec2", "CreateSecurityGroup", "InvalidGroup.Duplicate", "the name of subnet/a is taken by an existing resource this environment does not own: rename it in the spec, or import the existing one by adding this resource's ownership tags to it")]
    [InlineData("rds", "CreateDBInstance", "DBInstanceAlreadyExists", "the name of subnet/a is taken by an existing resource this environment does not own: rename it in the spec, or import the existing one by adding this resource's ownership tags to it")]
    [InlineData("elbv2", "CreateTargetGroup", "DuplicateTargetGroupName", "the name of subnet/a is taken by an existing resource this environment does not own: rename it in the spec, or import the existing one by adding this resource's ownership tags to it")]
    [InlineData("logs", "CreateLogGroup", "ResourceAlreadyExistsException", "the name of subnet/a is taken by an existing resource this environment does not own: rename it in the spec, or import the existing one by adding this resource's ownership tags to it")]
    [InlineData("iam", "CreateRole", "EntityAlreadyExists", "the name of subnet/a is taken by an existing resource this environment does not own: rename it in the spec, or import the existing one by adding this resource's ownership tags to it")]
    public void For_Should_SayWhatToDo_When_TheErrorIsTerminal(string service, string operation, string code, string remedy) =>
        Assert.Equal(remedy, Remedies.For(service, operation, AwsError.Classify(code, HttpStatusCode.BadRequest, null), "subnet/a"));

    [Fact]
    public void Describe_Should_AppendTheRemedyToTheMessage_When_TheCallFailedForGood()
    {
        var error = AwsError.Classify("UnauthorizedOperation", HttpStatusCode.Forbidden, "r-9");
        var failure = new AwsCallException("ec2", "CreateVpc", error, new InvalidOperationException("You are not authorized to perform this operation."));

        var message = Remedies.Describe(failure, "vpc/main");

        Assert.Equal("ec2:CreateVpc failed: UnauthorizedOperation (HTTP 403), request r-9: You are not authorized to perform this operation. (remedy: the credentials lack ec2:CreateVpc, or the policy's ownership condition refused it (the resource does not carry this environment's reconciler:environment tag, or the request did not send it): grant it or check the tags (see `reconciler iam-policy`))", message);
        Assert.Equal("a bug", Remedies.Describe(new InvalidOperationException("a bug"), "vpc/main"));
    }
}
