using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Reconciler.Aws;
using Reconciler.Aws.Ecs;
using Reconciler.Aws.Http;
using Reconciler.Engine;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;
using Reconciler.Providers;
using Reconciler.Providers.Ecs;
using Reconciler.Tests.Behaviours.Rules;
using Reconciler.Tests.Integration;

namespace Reconciler.Tests.Behaviours;

/// <summary>
/// A service deleted on AWS drains before it is INACTIVE: the product issues the delete and returns, observes the
/// service as not ready, and the cluster it holds waits for it instead of being refused.
/// </summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "Integration")]
public sealed class EcsServiceDrainingRuleTests(MotoServer moto)
{
    [Fact]
    public async Task Destroy_Should_WaitWithTheClusterUntilTheServiceHasDrained_When_ECSStillDrainsTheDeletedService()
    {
        var rule = new EcsServiceDrainingRule(TimeSpan.FromSeconds(2));
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var layer = await LayeredHarness.StartAsync(moto, [rule], time: clock);
        var env = TestSpecs.UniqueName("drain");
        var json = layer.H.Aws.Json(AwsServices.Ecs, EngineHarness.Region);
        var support = new EcsSupport(new EcsApi(json), layer.H.Aws.Inventory(EngineHarness.Region));
        var registry = new ProviderRegistry([new EcsClusterProvider(support), new EcsServiceProvider(support, clock)]);
        object[] Tags(string logicalId) => [new { key = Ownership.EnvironmentTag, value = env }, new { key = Ownership.LogicalIdTag, value = logicalId }];
        await json.CallAsync<object, JsonElement>("CreateCluster", new { clusterName = env, tags = Tags("ecs-cluster/main") }, CallPurpose.Create, CancellationToken.None);
        await json.CallAsync<object, JsonElement>("RegisterTaskDefinition", new { family = env, containerDefinitions = new[] { new { name = "app", image = "nginx", memory = 128 } } }, CallPurpose.Create, CancellationToken.None);
        await json.CallAsync<object, JsonElement>("CreateService", new { cluster = env, serviceName = "app", taskDefinition = env, desiredCount = 0, tags = Tags("ecs-service/app") }, CallPurpose.Create, CancellationToken.None);
        // The service's name, as the spec would name it (a destroy observes what the spec names too).
        DesiredResource[] named = [new(ResourceKinds.EcsService, "app", ImmutableSortedDictionary<string, FieldValue>.Empty.Add("name", FieldValue.Of("app")), [],
            ImmutableSortedDictionary<string, string>.Empty.Add(Ownership.EnvironmentTag, env).Add(Ownership.LogicalIdTag, "ecs-service/app"))];

        async Task<IReadOnlyList<StepResult>> DestroyPass()
        {
            var observed = new List<ObservedResource>();
            foreach (var provider in registry.All)
            {
                observed.AddRange(await provider.ObserveAsync([env], named.Where(d => d.Kind == provider.Kind).ToList(), CancellationToken.None));
            }

            var plan = Planner.Plan(new ResourceGraph(env, EngineHarness.Region, []), new ObservedState(observed, registry.Kinds), new PlanOptions(Prune: true, Destroy: true));
            return await new ApplyExecutor(registry, NullLogger.Instance).ExecuteAsync(plan, CancellationToken.None);
        }

        var first = await DestroyPass();
        var second = await DestroyPass(); // still within the window: observed draining, nothing sent again
        clock.Advance(rule.Window);
        var last = await DestroyPass();

        Assert.Equal((StepOutcome.Waiting, "service app is draining"), first.Where(r => r.Step.LogicalId == "ecs-service/app").Select(r => (r.Outcome, r.Message)).Single());
        Assert.Equal((StepOutcome.Waiting, "waits for ecs-service/app: service app is draining"), first.Where(r => r.Step.LogicalId == "ecs-cluster/main").Select(r => (r.Outcome, r.Message)).Single());
        Assert.All(second, r => Assert.Equal(StepOutcome.Waiting, r.Outcome));
        Assert.Equal(("ecs-cluster/main", StepOutcome.Succeeded), last.Select(r => (r.Step.LogicalId, r.Outcome)).Single());
        Assert.True(rule.Played > 0, rule.Name + " never played");
        Assert.Equal(0, rule.Refused); // the product never asked to delete the cluster while its service drained
        Assert.Equal(1, layer.Proxy.Calls.Count(c => c.EndsWith(":DeleteService", StringComparison.Ordinal)));
    }
}
