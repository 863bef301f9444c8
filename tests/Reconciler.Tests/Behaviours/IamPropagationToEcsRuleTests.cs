using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Reconciler.Aws;
using Reconciler.Aws.Http;
using Reconciler.Tests.Behaviours.Rules;
using Reconciler.Tests.Integration;

namespace Reconciler.Tests.Behaviours;

/// <summary>The rule plays IAM's propagation to ECS: a new role is "not valid" for RegisterTaskDefinition for a while.</summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "Integration")]
public sealed class IamPropagationToEcsRuleTests(MotoServer moto)
{
    private const string TrustEcsTasks = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";

    [Fact]
    public async Task Before_Should_AnswerRoleIsNotValid_When_TheRoleIsYoungerThanTheWindow()
    {
        var rule = new IamPropagationToEcsRule();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var layer = await LayeredHarness.StartAsync(moto, [rule], time: clock);
        var iam = layer.H.Aws.Query(AwsServices.Iam, EngineHarness.Region);
        var ecs = layer.H.Aws.Json(AwsServices.Ecs, EngineHarness.Region);
        var role = TestSpecs.UniqueName("exec");
        await iam.CallAsync("CreateRole", new QueryParams().Add("RoleName", role).Add("AssumeRolePolicyDocument", TrustEcsTasks), CallPurpose.Create, CancellationToken.None);
        object Register(string family) => new
        {
            family,
            executionRoleArn = $"arn:aws:iam::123456789012:role/{role}",
            containerDefinitions = new[] { new { name = "web", image = "nginx", memory = 128 } },
        };

        // Read: the call runner would retry the refusal as a wait for a Create; here its answer is looked at as it comes.
        var refused = Assert.IsType<AwsApiException>((await Assert.ThrowsAsync<AwsCallException>(() =>
            ecs.CallAsync<object, JsonElement>("RegisterTaskDefinition", Register(TestSpecs.UniqueName("young")), CallPurpose.Read, CancellationToken.None))).InnerException);
        clock.Advance(rule.Window);
        var registered = await ecs.CallAsync<object, JsonElement>("RegisterTaskDefinition", Register(TestSpecs.UniqueName("later")), CallPurpose.Read, CancellationToken.None);

        Assert.Equal(("ClientException", 400), (refused.Code, (int)refused.Status));
        // The product classifies exactly this answer as IAM propagation (a bounded wait), not as a terminal error.
        Assert.Equal("the task definition's IAM role is not visible to ECS yet", EventualConsistency.Waiting(refused.Code, refused.Message));
        Assert.Equal(1, registered.GetProperty("taskDefinition").GetProperty("revision").GetInt32());
        Assert.Equal(1, rule.Played);
    }
}
