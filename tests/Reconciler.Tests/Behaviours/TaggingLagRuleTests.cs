using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Reconciler.Aws;
using Reconciler.Aws.Http;
using Reconciler.Aws.Tagging;
using Reconciler.Model.Graph;
using Reconciler.Tests.Behaviours.Rules;
using Reconciler.Tests.Integration;

namespace Reconciler.Tests.Behaviours;

/// <summary>The rule plays the Tagging API's lag: a new resource is missing from GetResources for a while.</summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "Integration")]
public sealed class TaggingLagRuleTests(MotoServer moto)
{
    [Fact]
    public async Task After_Should_OmitTheResource_When_ItWasCreatedLessThanTheWindowAgo()
    {
        var rule = new TaggingLagRule(TimeSpan.FromSeconds(2));
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var layer = await LayeredHarness.StartAsync(moto, [rule], time: clock);
        var env = TestSpecs.UniqueName("lag");
        var ecs = layer.H.Aws.Json(AwsServices.Ecs, EngineHarness.Region);
        var tagging = new ResourceGroupsTaggingApi(layer.H.Aws.Json(AwsServices.Tagging, EngineHarness.Region));
        var request = new GetResourcesRequest([new TagFilter(Ownership.EnvironmentTag, [env])], ["ecs:cluster"]);
        await ecs.CallAsync<object, JsonElement>("CreateCluster", new { clusterName = env, tags = new[] { new { key = Ownership.EnvironmentTag, value = env } } }, CallPurpose.Create, CancellationToken.None);

        var rightAfter = await tagging.GetResourcesAsync(request, CancellationToken.None);
        clock.Advance(rule.Window);
        var later = await tagging.GetResourcesAsync(request, CancellationToken.None);

        Assert.Empty(rightAfter);
        Assert.EndsWith($":cluster/{env}", Assert.Single(later).ResourceArn, StringComparison.Ordinal);
        Assert.Equal(1, rule.Played);
    }
}
