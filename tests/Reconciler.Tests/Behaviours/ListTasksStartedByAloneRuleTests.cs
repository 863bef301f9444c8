using System.Text.Json;
using Reconciler.Aws;
using Reconciler.Aws.Http;
using Reconciler.Tests.Behaviours.Rules;
using Reconciler.Tests.Integration;

namespace Reconciler.Tests.Behaviours;

/// <summary>The rule plays the ECS API reference's ListTasks rule: startedBy must be the only filter.</summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ListTasksStartedByAloneRuleTests(MotoServer moto)
{
    [Fact]
    public async Task Before_Should_AnswerInvalidParameterException_When_StartedByComesWithAnotherFilter()
    {
        var rule = new ListTasksStartedByAloneRule();
        await using var layer = await LayeredHarness.StartAsync(moto, [rule]);
        var ecs = layer.H.Aws.Json(AwsServices.Ecs, EngineHarness.Region);
        var cluster = TestSpecs.UniqueName("tasks");
        // Tagged: moto's GetResources fails (500, for every later test) on an ECS cluster created without tags.
        await ecs.CallAsync<object, JsonElement>("CreateCluster", new { clusterName = cluster, tags = new[] { new { key = "test", value = cluster } } }, CallPurpose.Create, CancellationToken.None);

        var refused = await Refused(() => ecs.CallAsync<object, JsonElement>(
            "ListTasks", new { cluster, startedBy = "reconciler", family = "app", desiredStatus = "RUNNING" }, CallPurpose.Read, CancellationToken.None));
        var alone = await ecs.CallAsync<object, JsonElement>("ListTasks", new { cluster, startedBy = "reconciler" }, CallPurpose.Read, CancellationToken.None);

        Assert.Equal(("InvalidParameterException", 400), (refused.Code, (int)refused.Status));
        Assert.Contains("family", refused.AwsMessage, StringComparison.Ordinal);
        Assert.Equal(0, alone.GetProperty("taskArns").GetArrayLength());
        Assert.Equal(1, rule.Played);
    }

    /// <summary>The AWS error under the call runner's exception.</summary>
    private static async Task<AwsApiException> Refused(Func<Task> call) =>
        Assert.IsType<AwsApiException>((await Assert.ThrowsAsync<AwsCallException>(call)).InnerException);
}
