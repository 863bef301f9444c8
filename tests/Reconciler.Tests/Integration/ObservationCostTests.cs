using Amazon.EC2.Model;
using Amazon.S3;
using Amazon.S3.Model;
using Reconciler.Aws.Acm;
using Reconciler.Aws.Ecs;
using Reconciler.Aws.Elbv2;
using Reconciler.Aws.Http;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;
using Xunit.Abstractions;

namespace Reconciler.Tests.Integration;

/// <summary>
/// What observing several environments together costs (docs/observation.md): the listings are shared, so three
/// environments of the sample cost about what one does, plus the few reads an API forces per environment.
/// </summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ObservationCostTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>
    /// The reads per extra environment of the sample, in full, that no API lets us share, on moto_server (docs/observation.md): 2
    /// DescribeVpcAttribute, 1 DescribeServices (one cluster), 1 ECR ListTagsForResource and 1 RDS ListTagsForResource
    /// (moto's Tagging API lists neither), 3 reads of the bucket's settings: 8 (the listeners are described by ARN, 20
    /// per call), and at most one more GetResources page (moto pages at 100 tags); and one IAM GetRolePolicy, the
    /// environment's own inline policy on its execution role (an inline policy has no tags and no listing finds it by
    /// environment): 10; and since the sample has its own execution role (<c>executionRole: { own: true }</c>), that
    /// role's GetRole and ListAttachedRolePolicies (IAM lists no role's attached policies for many roles at once): 12.
    /// </summary>
    private const int PerExtraEnvironment = 12;

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

        var (_, shallowCalls) = await Observe(graphs, detailed: new HashSet<string>());
        var oneTotal = oneCalls.Values.Sum();
        var threeTotal = threeCalls.Values.Sum();
        var shallowTotal = shallowCalls.Values.Sum();
        output.WriteLine($"one environment: {oneTotal} calls: {Breakdown(oneCalls)}");
        output.WriteLine($"three together: {threeTotal} calls: {Breakdown(threeCalls)}");
        output.WriteLine($"three together, none in detail: {shallowTotal} calls: {Breakdown(shallowCalls)}");
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
        // With no environment read in detail (what most of a rotating shared observation is), three cost less than one in full.
        Assert.True(shallowTotal < oneTotal, $"three together, none in detail, {shallowTotal} >= one in full {oneTotal}");
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


    /// <summary>The per-resource reads that no listing answers (docs/observation.md), by service:operation.</summary>
    private static readonly string[] DetailReads =
    [
        "ec2:DescribeVpcAttribute", "s3:GetBucketVersioning", "s3:GetPublicAccessBlock", "s3:GetBucketEncryption",
        "ecs:DescribeServices", "ecr:ListTagsForResource", "rds:ListTagsForResource", "iam:GetRolePolicy", "iam:GetRole",
    ];

    [Fact]
    public async Task ObserveAsync_Should_ReuseTheLastDetailReads_When_TheEnvironmentIsNotReadInDetail()
    {
        var env = TestSpecs.UniqueName("obs-detail");
        var (_, graph) = TestSpecs.Load(TestSpecs.Isolated(env));
        Assert.True((await _h.Engine.ApplyAsync(graph, new PlanOptions(Prune: true), CancellationToken.None)).Converged, _h.LogText);
        var (full, fullCalls) = await Observe([graph]);
        var (shallow, shallowCalls) = await Observe([graph], detailed: new HashSet<string>());
        output.WriteLine($"full: {Breakdown(fullCalls)}");
        output.WriteLine($"shallow: {Breakdown(shallowCalls)}");

        // In full, each detail read is made (the sample: 2 VPC attributes, 3 bucket settings, one cluster's services,
        // the environment's inline policy on the execution role, and on moto the tags of one ECR repository and one DB
        // subnet group); not in detail, none, and the environment
        // is seen exactly as in full.
        Assert.All(DetailReads, op => Assert.True(fullCalls.GetValueOrDefault(op) > 0, $"full observation made no {op}"));
        Assert.All(DetailReads, op => Assert.Equal(0, shallowCalls.GetValueOrDefault(op)));
        // The environment's own execution role: its ListAttachedRolePolicies is a detail read too (the shared roles' one
        // is made in both), so one fewer in the shallow observation.
        var ownRoleReads = fullCalls.GetValueOrDefault("iam:ListAttachedRolePolicies") - shallowCalls.GetValueOrDefault("iam:ListAttachedRolePolicies");
        Assert.Equal(1, ownRoleReads);
        Assert.Equal(fullCalls.Values.Sum() - DetailReads.Sum(op => fullCalls.GetValueOrDefault(op)) - ownRoleReads, shallowCalls.Values.Sum());
        Assert.Equal(Ids(full, env), Ids(shallow, env));
        Assert.False(Planner.Plan(graph, shallow, new PlanOptions(Prune: true)).HasChanges);

        // Hand edits of detail fields: a shallow observation still shows the values last read (the trade-off: the
        // controller reads each environment in full within K resyncs, and confirms any change in full before acting);
        // the next full observation, as every plan makes, shows both.
        var vpc = full.Resources.Single(r => r.Environment == env && r.Kind == ResourceKinds.Vpc).AwsId;
        var bucket = full.Resources.Single(r => r.Environment == env && r.Kind == ResourceKinds.Bucket).AwsId;
        await _h.Ec2.ModifyVpcAttributeAsync(new ModifyVpcAttributeRequest { VpcId = vpc, EnableDnsHostnames = false });
        using var s3 = S3Buckets.Client();
        await s3.PutBucketVersioningAsync(new PutBucketVersioningRequest { BucketName = bucket, VersioningConfig = new S3BucketVersioningConfig { Status = VersionStatus.Suspended } });
        var (stale, _) = await Observe([graph], detailed: new HashSet<string>());
        var plan = await _h.Engine.PlanAsync(graph, new PlanOptions(Prune: true), CancellationToken.None);

        Assert.False(Planner.Plan(graph, stale, new PlanOptions(Prune: true)).HasChanges);
        Assert.Contains(plan.Changes, s => s.LogicalId == "vpc/main" && s.Changes.Any(c => c.Path == "enableDnsHostnames"));
        Assert.Contains(plan.Changes, s => s.LogicalId == "s3-bucket/media" && s.Changes.Any(c => c.Path == "versioning"));
        // And once read in full, a shallow observation reuses the new values: it shows the drift too.
        var (after, _) = await Observe([graph], detailed: new HashSet<string>());
        Assert.Equal(2, Planner.Plan(graph, after, new PlanOptions(Prune: true)).Changes.Count());
    }

    /// <summary>A small environment with one load balancer and two listeners.</summary>
    private static string BalancerSpec(string env) => TestSpecs.Small(env, $$"""
        network:
          cidr: 10.8.0.0/16
          subnets:
            - { name: public-a, zone: {{EngineHarness.Region}}a, cidr: 10.8.0.0/24, public: true }
            - { name: public-c, zone: {{EngineHarness.Region}}c, cidr: 10.8.1.0/24, public: true }
          internetGateway: true
        securityGroups:
          - name: web
            description: HTTP in
            ingress:
              - { protocol: tcp, port: 80, cidr: 0.0.0.0/0 }
        loadBalancers:
          - name: app
            scheme: internet-facing
            subnets: [public-a, public-c]
            securityGroups: [web]
            listeners:
              - { protocol: HTTP, port: 80, forward: app }
              - { protocol: HTTP, port: 8080, forward: app }
            targetGroups:
              - name: app
                protocol: HTTP
                port: 80
                healthCheck: { path: /, successCodes: "200" }
        """);

    [Fact]
    public async Task ObserveAsync_Should_DescribeListenersInBatches_When_SeveralEnvironmentsHaveLoadBalancers()
    {
        var graphs = new List<ResourceGraph>();
        foreach (var env in Enumerable.Range(0, 3).Select(_ => TestSpecs.UniqueName("obs-lb")))
        {
            var (_, graph) = TestSpecs.Load(BalancerSpec(env));
            var applied = await _h.Engine.ApplyAsync(graph, new PlanOptions(Prune: true), CancellationToken.None);
            Assert.True(applied.Converged, string.Join("\n", applied.Failed.Select(f => $"{f.Step.LogicalId}: {f.Message}")) + "\n" + _h.LogText);
            graphs.Add(graph);
        }

        // Steady state: the six listeners of the three load balancers, by ARN, in ceil(6 / 20) = 1 call.
        var (steady, steadyCalls) = await Observe(graphs);
        var listeners = steady.Resources.Where(r => r.Kind == ResourceKinds.Listener).ToList();
        Assert.Equal(6, listeners.Count);
        Assert.Equal((listeners.Count + ElasticLoadBalancingV2Api.ListenerBatch - 1) / ElasticLoadBalancingV2Api.ListenerBatch, steadyCalls["elbv2:DescribeListeners"]);
        Assert.All(graphs, g => Assert.False(Planner.Plan(g, steady, new PlanOptions(Prune: true)).HasChanges));

        // A listener deleted by hand: its ARN does not come back, its load balancer is read on its own, and the plan
        // creates it again; the other environments stay in sync.
        var deleted = listeners.Single(l => l.Environment == graphs[1].Environment && l.LogicalId == "listener/app-8080");
        var elb = new ElasticLoadBalancingV2Api(_h.Aws.Query(AwsServices.Elbv2, EngineHarness.Region));
        await elb.DeleteListenerAsync(deleted.AwsId, CancellationToken.None);
        var (after, afterCalls) = await Observe(graphs);

        Assert.Equal(2, afterCalls["elbv2:DescribeListeners"]);
        var plan = Planner.Plan(graphs[1], after, new PlanOptions(Prune: true));
        Assert.Contains(plan.Changes, s => s.LogicalId == "listener/app-8080" && s.Action == PlanAction.Create);
        Assert.False(Planner.Plan(graphs[0], after, new PlanOptions(Prune: true)).HasChanges);
        Assert.False(Planner.Plan(graphs[2], after, new PlanOptions(Prune: true)).HasChanges);

        // Repaired: the new listener is known from its create, so the batches cover all six again in one call.
        Assert.True((await _h.Engine.ApplyAsync(graphs[1], new PlanOptions(Prune: true), CancellationToken.None)).Converged, _h.LogText);
        var (repaired, repairedCalls) = await Observe(graphs);
        Assert.Equal(6, repaired.Resources.Count(r => r.Kind == ResourceKinds.Listener));
        Assert.Equal(1, repairedCalls["elbv2:DescribeListeners"]);
    }

    /// <summary>One observation (<paramref name="detailed"/>: the environments read in detail, null: all) and the calls it made, by service:operation.</summary>
    private async Task<(ObservedState State, Dictionary<string, long> Calls)> Observe(IReadOnlyCollection<ResourceGraph> graphs, IReadOnlySet<string>? detailed = null)
    {
        var before = _h.Aws.Metrics.Snapshot();
        var state = await _h.Engine.ObserveAsync(EngineHarness.Region, graphs, CancellationToken.None, detailed);
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
