using Reconciler.Aws;
using Reconciler.Aws.Ecs;
using Reconciler.Aws.Http;
using Reconciler.Controller;
using Reconciler.Model.Planning;

namespace Reconciler.Tests.Integration;

/// <summary>A service whose desired count an autoscaler owns: changed by hand, it is neither drift nor reverted.</summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "Integration")]
public sealed class IgnoreChangesTests : IDisposable
{
    private readonly EngineHarness _h = new();

    public void Dispose() => _h.Dispose();

    private static string Spec(string env, string ignore) => $$"""
        apiVersion: reconciler/v1
        kind: Environment
        metadata:
          name: {{env}}
        spec:
          region: {{EngineHarness.Region}}
          clusters:
            - { name: app, capacity: ec2 }
          taskDefinitions:
            - family: app
              containers:
                - { name: web, image: public.ecr.aws/nginx/nginx:1.27, memory: 128 }
          services:
            - name: app
              cluster: app
              taskDefinition: app
              desiredCount: 2
        {{ignore}}
        """;

    [Fact]
    public async Task Plan_Should_NeitherReportNorRevert_When_AnIgnoredDesiredCountIsChangedByHand()
    {
        var env = TestSpecs.UniqueName("ign");
        var (_, graph) = TestSpecs.Load(Spec(env, "      ignoreChanges: [desiredCount]"));
        var (_, strict) = TestSpecs.Load(Spec(env, string.Empty));
        Assert.True((await _h.Engine.ApplyAsync(graph, new PlanOptions(true), CancellationToken.None)).Converged, _h.LogText);
        var service = (await _h.Engine.PlanAsync(graph, new PlanOptions(true), CancellationToken.None)).Steps.Single(s => s.LogicalId == "ecs-service/app").Observed!;
        var ecs = new EcsApi(_h.Aws.Json(AwsServices.Ecs, EngineHarness.Region));

        // The autoscaler scales out.
        await ecs.UpdateServiceAsync(new UpdateServiceRequest(service.Get("cluster")!, service.AwsId, DesiredCount: 5), CancellationToken.None);

        var plan = await _h.Engine.PlanAsync(graph, new PlanOptions(true), CancellationToken.None);
        Assert.False(plan.HasChanges, Reconciler.Cli.PlanPrinter.Text(plan, "test"));
        Assert.Empty(DriftReporter.Records(plan, _ => "reported"));
        var before = _h.Aws.Metrics.Snapshot();
        var applied = await _h.Engine.ApplyAsync(graph, new PlanOptions(true), CancellationToken.None);
        Assert.True(applied.Converged);
        Assert.DoesNotContain(_h.Aws.Metrics.Snapshot(), kv => AwsCallMetrics.IsMutating(kv.Key.Operation) && kv.Value > before.GetValueOrDefault(kv.Key));
        var live = await ecs.DescribeServicesAsync(service.Get("cluster")!, [service.AwsId], CancellationToken.None);
        Assert.Equal(5, Assert.Single(live).DesiredCount);

        // Without the rule the same live state is drift of exactly that field.
        var strictPlan = await _h.Engine.PlanAsync(strict, new PlanOptions(true), CancellationToken.None);
        var drift = Assert.Single(DriftReporter.Records(strictPlan, _ => "reported"));
        Assert.Equal(("ecs-service/app", "desiredCount", "2", "5"), (drift.LogicalId, drift.Field, drift.Desired, drift.Actual));
    }
}
