using Reconciler.Tests.Aws.Http;

namespace Reconciler.Tests.Aws.Iam;

/// <summary>Every IAM (Query) operation, parameter, list member name and answer element the thin client uses, against botocore's model.</summary>
public sealed class IamApiModelTests
{
    private static readonly BotocoreModel Model = BotocoreModel.Load("iam");

    private static readonly string[] RoleOutput = ["Role.RoleName", "Role.Arn", "Role.AssumeRolePolicyDocument", "Role.Tags.Key", "Role.Tags.Value"];

    private static readonly string[] ProfileOutput =
    [
        "InstanceProfile.InstanceProfileName", "InstanceProfile.Arn", "InstanceProfile.Tags.Key", "InstanceProfile.Tags.Value",
        "InstanceProfile.Roles.RoleName", "InstanceProfile.Roles.Arn", "InstanceProfile.Roles.AssumeRolePolicyDocument",
    ];

    public static TheoryData<string, string[], string[]> Operations => new()
    {
        { "GetRole", ["RoleName"], RoleOutput },
        { "GetInstanceProfile", ["InstanceProfileName"], ProfileOutput },
        { "ListAttachedRolePolicies", ["RoleName", "Marker"], ["AttachedPolicies.PolicyName", "AttachedPolicies.PolicyArn", "IsTruncated", "Marker"] },
        { "CreateRole", ["RoleName", "AssumeRolePolicyDocument", "Description", "Tags.Key", "Tags.Value"], RoleOutput },
        { "CreateInstanceProfile", ["InstanceProfileName", "Tags.Key", "Tags.Value"], ProfileOutput },
        { "AddRoleToInstanceProfile", ["InstanceProfileName", "RoleName"], [] },
        { "AttachRolePolicy", ["RoleName", "PolicyArn"], [] },
        { "UpdateAssumeRolePolicy", ["RoleName", "PolicyDocument"], [] },
        { "GetRolePolicy", ["RoleName", "PolicyName"], ["RoleName", "PolicyName", "PolicyDocument"] },
        { "PutRolePolicy", ["RoleName", "PolicyName", "PolicyDocument"], [] },
        { "DeleteRolePolicy", ["RoleName", "PolicyName"], [] },
        { "ListRolePolicies", ["RoleName", "Marker"], ["PolicyNames", "IsTruncated", "Marker"] },
        { "DetachRolePolicy", ["RoleName", "PolicyArn"], [] },
        { "TagRole", ["RoleName", "Tags.Key", "Tags.Value"], [] },
        { "DeleteRole", ["RoleName"], [] },
    };

    [Theory]
    [MemberData(nameof(Operations))]
    public void Operation_Should_MatchBotocore_When_ParametersAreSentAndElementsRead(string operation, string[] input, string[] output)
    {
        Model.AssertInput(operation, input);
        Model.AssertOutput(operation, output);
    }

    [Theory]
    [InlineData("CreateRole")]
    [InlineData("CreateInstanceProfile")]
    [InlineData("TagRole")]
    public void Tags_Should_FlattenAsMember_When_Sent(string operation) =>
        Assert.Equal("member", Model.ListMemberName(operation, "Tags"));

    [Fact]
    public void Answers_Should_UseMemberElements_When_ListsAreRead()
    {
        // XmlAnswers.Items takes the children of a list whatever their name; botocore says they are <member>.
        Assert.Equal("member", Model.Member("GetInstanceProfile", input: false, "InstanceProfile.Roles").GetProperty("member").TryGetProperty("locationName", out var n) ? n.GetString() : "member");
        Assert.Equal("query", Model.Metadata.GetProperty("protocol").GetString());
    }
}
