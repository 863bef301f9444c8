using System.Text.Json;
using Reconciler.Cli;
using Reconciler.Security;
using Reconciler.Tests.Integration;

namespace Reconciler.Tests.Security;

/// <summary>
/// <c>iam-policy</c> across accounts: each target role's permissions and trust policy (the controller's role, with the
/// external id as sts:ExternalId: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_third-party.html),
/// and sts:AssumeRole on the target roles for the controller.
/// </summary>
public sealed class AccountPoliciesTests
{
    private const string Controller = "arn:aws:iam::999999999999:role/reconciler-controller";

    private static LoadedEnvironment Env(string name, string account) =>
        Loaded(TestSpecs.Small(name, $"account:\n{account}\nnetwork:\n  cidr: 10.7.0.0/16\n  subnets:\n    - {{ name: a, zone: {EngineHarness.Region}a, cidr: 10.7.1.0/24 }}"));

    private static LoadedEnvironment Loaded(string text)
    {
        var (document, graph) = TestSpecs.Load(text);
        return new LoadedEnvironment("test.yaml", document, graph);
    }

    [Fact]
    public void Json_Should_TrustTheControllerWithTheExternalIdAndGrantItAssumeRole_When_SpecsAssumeRoles()
    {
        var stage = Env("stage", "  id: \"111111111111\"\n  roleArn: arn:aws:iam::111111111111:role/reconciler\n  externalId: stage-ext");
        var prod = Env("prod", "  id: \"222222222222\"\n  roleArn: arn:aws:iam::222222222222:role/reconciler");

        using var json = JsonDocument.Parse(AccountPolicies.Json([stage, prod], [], null, false, Controller));

        var assume = json.RootElement.GetProperty("ControllerPolicy").GetProperty("Statement").EnumerateArray().Single(s => s.GetProperty("Sid").GetString() == "StsAssumeTargetRoles");
        Assert.Equal(["arn:aws:iam::111111111111:role/reconciler", "arn:aws:iam::222222222222:role/reconciler"], assume.GetProperty("Resource").EnumerateArray().Select(e => e.GetString()!));
        var targets = json.RootElement.GetProperty("TargetRoles");
        var stageRole = targets.GetProperty("arn:aws:iam::111111111111:role/reconciler");
        Assert.Equal("111111111111", stageRole.GetProperty("Account").GetString());
        var trust = stageRole.GetProperty("TrustPolicy").GetProperty("Statement")[0];
        Assert.Equal(Controller, trust.GetProperty("Principal").GetProperty("AWS").GetString());
        Assert.Equal("stage-ext", trust.GetProperty("Condition").GetProperty("StringEquals").GetProperty("sts:ExternalId")[0].GetString());
        Assert.False(targets.GetProperty("arn:aws:iam::222222222222:role/reconciler").GetProperty("TrustPolicy").GetProperty("Statement")[0].TryGetProperty("Condition", out _));
        var ec2 = stageRole.GetProperty("PermissionsPolicy").GetProperty("Statement").EnumerateArray().Single(s => s.GetProperty("Sid").GetString() == "Ec2");
        Assert.Contains("ec2:CreateSubnet", ec2.GetProperty("Action").EnumerateArray().Select(e => e.GetString()));
    }
}
