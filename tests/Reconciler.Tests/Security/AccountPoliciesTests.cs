using System.Text.Json;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Microsoft.Extensions.Logging.Abstractions;
using Reconciler.Aws;
using Reconciler.Aws.Accounts;
using Reconciler.Aws.Http;
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

    private static IEnumerable<JsonElement> Statements(JsonElement documents) => documents.EnumerateArray().SelectMany(d => d.GetProperty("Statement").EnumerateArray());

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

        var assume = Statements(json.RootElement.GetProperty("ControllerPolicies")).Single(s => s.GetProperty("Sid").GetString() == "StsAssumeTargetRoles");
        Assert.Equal(["arn:aws:iam::111111111111:role/reconciler", "arn:aws:iam::222222222222:role/reconciler"], assume.GetProperty("Resource").EnumerateArray().Select(e => e.GetString()!));
        var targets = json.RootElement.GetProperty("TargetRoles");
        var stageRole = targets.GetProperty("arn:aws:iam::111111111111:role/reconciler");
        Assert.Equal("111111111111", stageRole.GetProperty("Account").GetString());
        var trust = stageRole.GetProperty("TrustPolicy").GetProperty("Statement")[0];
        Assert.Equal(Controller, trust.GetProperty("Principal").GetProperty("AWS").GetString());
        Assert.Equal("stage-ext", trust.GetProperty("Condition").GetProperty("StringEquals").GetProperty("sts:ExternalId")[0].GetString());
        Assert.False(targets.GetProperty("arn:aws:iam::222222222222:role/reconciler").GetProperty("TrustPolicy").GetProperty("Statement")[0].TryGetProperty("Condition", out _));
        // A role per environment: its tag conditions name that environment, not just the tag's presence.
        var createSubnet = Statements(stageRole.GetProperty("PermissionsPolicies"))
            .Single(s => s.TryGetProperty("Condition", out _) && s.GetProperty("Action").EnumerateArray().Any(a => a.GetString() == "ec2:CreateSubnet"));
        Assert.Equal("stage", createSubnet.GetProperty("Condition").GetProperty("StringEquals").GetProperty("aws:RequestTag/reconciler:environment")[0].GetString());
        Assert.All(stageRole.GetProperty("PermissionsPolicies").EnumerateArray(), d => Assert.InRange(PolicyDocuments.Size(d.GetRawText()), 1, PolicyDocuments.ManagedPolicyLimit));
    }

    /// <summary>
    /// moto 5.2.1 checks a role's trust policy, sts:ExternalId included, once its IAM enforcement is on
    /// (INITIAL_NO_AUTH_ACTION_COUNT, set through /moto-api/reset-auth; moto/iam/access_control.py
    /// _check_role_trust_relationship): the trust policy iam-policy prints lets the controller assume the role with the
    /// spec's external id and refuses another one. moto lets a request without any external id through, which AWS
    /// refuses (StringEquals on an absent key), so that case is not asserted. On a moto_server of its own: enforcement is
    /// server-wide.
    /// </summary>
    [Fact]
    [Trait("Category", "Integration")]
    public async Task Json_Should_TrustTheControllerOnlyWithTheSpecsExternalId_When_MotoEnforcesIam()
    {
        var (process, endpoint) = await MotoServer.LaunchAsync();
        using var _ = process;
        try
        {
            using var http = new HttpClient();
            var runner = new AwsCallRunner(new AwsCallMetrics(), NullLogger<AwsCallRunner>.Instance, TimeProvider.System,
                new RetryOptions(BaseDelay: TimeSpan.FromMilliseconds(1), MaxDelay: TimeSpan.FromMilliseconds(2)));
            var iam = new QueryProtocolClient(AwsServices.Iam, "us-east-1", new SignedTransport(http, _ => endpoint), runner, new BasicAWSCredentials("testing", "testing"));
            var ct = CancellationToken.None;

            // The controller: an IAM user that may call sts:AssumeRole, with an access key of its own.
            var user = (await iam.CallAsync("CreateUser", new QueryParams().Add("UserName", "controller"), CallPurpose.Mutate, ct)).Element("User")!.Text("Arn")!;
            await iam.CallAsync("PutUserPolicy", new QueryParams().Add("UserName", "controller").Add("PolicyName", "assume")
                .Add("PolicyDocument", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}]}"""), CallPurpose.Mutate, ct);
            var key = (await iam.CallAsync("CreateAccessKey", new QueryParams().Add("UserName", "controller"), CallPurpose.Mutate, ct)).Element("AccessKey")!;

            // The target role, with the trust policy iam-policy prints for prod.
            const string role = "arn:aws:iam::123456789012:role/reconciler";
            var prod = Env("prod", $"  id: \"123456789012\"\n  roleArn: {role}\n  externalId: prod-7f3a");
            using var printed = JsonDocument.Parse(AccountPolicies.Json([prod], [], null, false, user));
            var trust = printed.RootElement.GetProperty("TargetRoles").GetProperty(role).GetProperty("TrustPolicy").GetRawText();
            await iam.CallAsync("CreateRole", new QueryParams().Add("RoleName", "reconciler").Add("AssumeRolePolicyDocument", trust), CallPurpose.Mutate, ct);

            // From here on moto checks every request's signature and policies.
            using var enforce = await http.PostAsync(new Uri(endpoint + "/moto-api/reset-auth"), new StringContent("0"), ct);
            enforce.EnsureSuccessStatusCode();
            using var sts = new AmazonSecurityTokenServiceClient(new BasicAWSCredentials(key.Text("AccessKeyId"), key.Text("SecretAccessKey")),
                new AmazonSecurityTokenServiceConfig { ServiceURL = endpoint, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });
            var right = new AssumedRoleCredentials(sts, runner, TimeProvider.System, role, "prod-7f3a", "reconciler-prod");
            var wrong = new AssumedRoleCredentials(sts, runner, TimeProvider.System, role, "stage-1234", "reconciler-prod");

            var session = await right.GetCredentialsAsync();
            var refused = await Assert.ThrowsAsync<AwsCallException>(() => wrong.GetCredentialsAsync());

            Assert.False(string.IsNullOrEmpty(session.Token));
            Assert.Equal("AccessDenied", refused.Error.Code);
            Assert.Equal(0, wrong.Sessions);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }
}
