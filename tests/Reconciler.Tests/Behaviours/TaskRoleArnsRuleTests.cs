using System.Text.Json;
using Reconciler.Aws;
using Reconciler.Aws.Http;
using Reconciler.Tests.Behaviours.Rules;
using Reconciler.Tests.Integration;

namespace Reconciler.Tests.Behaviours;

/// <summary>The rule plays ECS's answer: role names registered come back as role ARNs (aws/copilot-cli#2887).</summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "Integration")]
public sealed class TaskRoleArnsRuleTests(MotoServer moto)
{
    [Fact]
    public async Task After_Should_AnswerFullRoleArns_When_RoleNamesAreRegistered()
    {
        await using var layer = await LayeredHarness.StartAsync(moto, [new TaskRoleArnsRule()]);
        var family = TestSpecs.UniqueName("roles");
        var request = new
        {
            family,
            taskRoleArn = "app-task",
            executionRoleArn = "arn:aws:iam::123456789012:role/app-exec",
            containerDefinitions = new[] { new { name = "web", image = "nginx", memory = 128 } },
        };
        var ecs = layer.H.Aws.Json(AwsServices.Ecs, EngineHarness.Region);

        var registered = await ecs.CallAsync<object, JsonElement>("RegisterTaskDefinition", request, CallPurpose.Create, CancellationToken.None);
        var described = await ecs.CallAsync<object, JsonElement>("DescribeTaskDefinition", new { taskDefinition = family }, CallPurpose.Read, CancellationToken.None);

        foreach (var answer in new[] { registered, described })
        {
            var definition = answer.GetProperty("taskDefinition");
            Assert.Equal("arn:aws:iam::123456789012:role/app-task", definition.GetProperty("taskRoleArn").GetString());
            Assert.Equal("arn:aws:iam::123456789012:role/app-exec", definition.GetProperty("executionRoleArn").GetString());
        }

        // Bare moto keeps the name as sent: the rule, not moto, plays the behaviour.
        using var direct = new EngineHarness();
        var bare = await direct.Aws.Json(AwsServices.Ecs, EngineHarness.Region).CallAsync<object, JsonElement>(
            "DescribeTaskDefinition", new { taskDefinition = family }, CallPurpose.Read, CancellationToken.None);
        Assert.Equal("app-task", bare.GetProperty("taskDefinition").GetProperty("taskRoleArn").GetString());
    }
}
