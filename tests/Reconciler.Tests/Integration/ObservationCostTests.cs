using Reconciler.Aws.Acm;
using Reconciler.Aws.Ecs;
using Reconciler.Aws.Http;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;
using Xunit.Abstractions;

namespace Reconciler.Tests.Integration;

/// <summary>
/// What observing several environments together costs (README, "Observation cost"): the listings are shared, so three
/// environments of the sample cost about what one does, plus the few reads an API forces per environment.
/// </summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ObservationCostTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>
    /// The reads per extra environment of the sample that no API lets us share, on moto_server (README): 2
    /// DescribeVpcAttribute, 1 DescribeServices (one cluster), 1 DescribeListeners (one load balancer), 1 ECR
    /// ListTagsForResource and 1 RDS ListTagsForResource (moto's Tagging API lists neither), 3 reads of the bucket's
    /// settings: 9, and at most one more GetResources page (moto pages at 100 tags).
    /// </summary>
    private const int PerExtraEnvironment = 10;

    private readonly EngineHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task ObserveAsync_Should_CostAboutOneEnvironment_When_ThreeEnvironmentsAreObservedTogether()
    {
        var graphs = new List<ResourceGraph>();
        foreach (var env in new[] { TestSpecs.UniqueName("obs-a"), TestSpecs.UniqueName("obs-b"), TestSpecs.UniqueName("obs-c") })
        {
            var (_, graph) = TestSpecs.Load(TestSpecs.Isolated(env));
            var applied = await _h.Engine.ApplyAsync(graph, new PlanOptions(Prune: true), CancellationToken.None);
            Assert.True(applied.Converged, string.Join("\n", applied.Failed.Select(f => $"{f.Step.LogicalId}: {f.Message}")) + "\n" + _h.LogText);
            graphs.Add(graph);
        }

        // Warm: what is read once per process (task definition revisions, issued certificates) is read now.
        await _h.Engine.ObserveAsync(EngineHarness.Region, graphs, CancellationToken.None);

        var (one, oneCalls) = await Observe([graphs[0]]);
        var (three, threeCalls) = await Observe(graphs);
        var separately = 0L;
        var alone = new List<ObservedState>();
        foreach (var graph in graphs)
        {
            var (state, calls) = await Observe([graph]);
            alone.Add(state);
            separately += calls.Values.Sum();
        }

        var oneTotal = oneCalls.Values.Sum();
        var threeTotal = threeCalls.Values.Sum();
        output.WriteLine($"one environment: {oneTotal} calls: {Breakdown(oneCalls)}");
        output.WriteLine($"three together: {threeTotal} calls: {Breakdown(threeCalls)}");
        output.WriteLine($"three one by one: {separately} calls");

        // Sharing misses nothing: each environment is seen together exactly as alone, and alone it is in sync.
        for (var i = 0; i < graphs.Count; i++)
        {
            var env = graphs[i].Environment;
            Assert.Equal(Ids(alone[i], env), Ids(three, env));
            Assert.False(Planner.Plan(graphs[i], alone[i], new PlanOptions(Prune: true)).HasChanges);
        }

        Assert.Equal(Ids(alone[0], graphs[0].Environment), Ids(one, graphs[0].Environment));

        // More environments than a tag filter takes values (21 > 20): the filters ask for the ownership tag key alone,
        // and each environment is still seen exactly as alone (and one that has nothing yet, as nothing but the shared
        // kinds it names, which are found by name: IAM roles, the hosted zone).
        var empty = Enumerable.Range(0, 18).Select(_ => TestSpecs.Load(TestSpecs.Isolated(TestSpecs.UniqueName("obs-none"))).Graph).ToList();
        var (many, _) = await Observe([.. graphs, .. empty]);
        for (var i = 0; i < graphs.Count; i++)
        {
            Assert.Equal(Ids(alone[i], graphs[i].Environment), Ids(many, graphs[i].Environment));
        }

        Assert.All(empty, g => Assert.All(many.Resources.Where(r => r.Environment == g.Environment), r => Assert.True(r.Kind.Shared, r.LogicalId)));
        Assert.True(threeTotal <= oneTotal + (2 * PerExtraEnvironment), $"three together {threeTotal} > one {oneTotal} + 2 x {PerExtraEnvironment}");
        // Far below three times one (at most 60% of it): what is shared is most of the cost.
        Assert.True(threeTotal * 5 < separately * 3, $"three together {threeTotal} is not far below three one by one ({separately})");
        Assert.True(threeTotal * 5 < oneTotal * 3 * 3, $"three together {threeTotal} is not far below 3 x one ({oneTotal})");
        Assert.Equal(0, threeCalls.Where(kv => Reconciler.Aws.AwsCallMetrics.IsMutating(kv.Key[(kv.Key.IndexOf(':', StringComparison.Ordinal) + 1)..])).Sum(kv => kv.Value));
    }

    [Fact]
    public async Task PlanAsync_Should_ShowDrift_When_TagsOfCachedKindsChangeOrTheRevisionIsDeregisteredByHand()
    {
        var env = TestSpecs.UniqueName("obs-drift");
        var (_, graph) = TestSpecs.Load(TestSpecs.Isolated(env));
        Assert.True((await _h.Engine.ApplyAsync(graph, new PlanOptions(Prune: true), CancellationToken.None)).Converged, _h.LogText);
        var observed = await _h.Engine.ObserveAsync(EngineHarness.Region, [graph], CancellationToken.None); // the caches are warm
        var certificate = observed.Resources.Single(r => r.Environment == env && r.Kind == ResourceKinds.Certificate);
        var taskDefinition = observed.Resources.First(r => r.Environment == env && r.Kind == ResourceKinds.TaskDefinition);
        var ecs = new EcsApi(_h.Aws.Json(AwsServices.Ecs, EngineHarness.Region));
        var acm = new AcmApi(_h.Aws.Json(AwsServices.Acm, EngineHarness.Region));

        await acm.AddTagsToCertificateAsync(new AddTagsToCertificateRequest(certificate.AwsId, [new AcmTag("project", "by-hand")]), CancellationToken.None);
        await ecs.TagResourceAsync(taskDefinition.AwsId, new Dictionary<string, string> { ["project"] = "by-hand" }, CancellationToken.None);
        var tagged = await _h.Engine.PlanAsync(graph, new PlanOptions(Prune: true), CancellationToken.None);
        await ecs.DeregisterTaskDefinitionAsync(taskDefinition.AwsId, CancellationToken.None);
        var deregistered = await _h.Engine.PlanAsync(graph, new PlanOptions(Prune: true), CancellationToken.None);

        Assert.Contains(tagged.Changes, s => s.LogicalId == certificate.LogicalId && s.Changes.Any(c => c.Path == "tags.project"));
        Assert.Contains(tagged.Changes, s => s.LogicalId == taskDefinition.LogicalId && s.Changes.Any(c => c.Path == "tags.project"));
        Assert.Contains(deregistered.Changes, s => s.LogicalId == taskDefinition.LogicalId && s.Action == PlanAction.Create);
    }

    /// <summary>One observation and the calls it made, by service:operation.</summary>
    private async Task<(ObservedState State, Dictionary<string, long> Calls)> Observe(IReadOnlyCollection<ResourceGraph> graphs)
    {
        var before = _h.Aws.Metrics.Snapshot();
        var state = await _h.Engine.ObserveAsync(EngineHarness.Region, graphs, CancellationToken.None);
        var calls = _h.Aws.Metrics.Snapshot()
            .Where(kv => kv.Value > before.GetValueOrDefault(kv.Key))
            .GroupBy(kv => $"{kv.Key.Service}:{kv.Key.Operation}")
            .ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value - before.GetValueOrDefault(kv.Key)));
        return (state, calls);
    }

    private static List<string> Ids(ObservedState state, string environment) =>
        [.. state.Resources.Where(r => r.Environment == environment).Select(r => $"{r.LogicalId}={r.AwsId}").Order(StringComparer.Ordinal)];

    private static string Breakdown(Dictionary<string, long> calls) =>
        string.Join(", ", calls.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"));
}
