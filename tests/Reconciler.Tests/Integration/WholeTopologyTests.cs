using Reconciler.Aws;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;

namespace Reconciler.Tests.Integration;

/// <summary>The whole sample: from an empty account to converged, idempotent, edited field by field, destroyed.</summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "Integration")]
public sealed class WholeTopologyTests : IDisposable
{
    private readonly EngineHarness _h = new();

    public void Dispose() => _h.Dispose();

    private async Task<ResourceGraph> Converged(string env, Func<string, string>? edit = null)
    {
        var (_, graph) = TestSpecs.Load(TestSpecs.Isolated(env, edit));
        var result = await _h.Engine.ApplyAsync(graph, new PlanOptions(Prune: true), CancellationToken.None);
        Assert.True(result.Converged, string.Join("\n", result.Failed.Select(f => $"{f.Step.LogicalId}: {f.Message}")) + "\n" + string.Join("\n", result.Waiting.Select(f => $"{f.Step.LogicalId}: {f.Message}")) + "\n" + _h.LogText);
        return graph;
    }

    [Fact]
    public async Task Apply_Should_BuildEveryKindOfTheSample_When_TheAccountIsEmpty()
    {
        var env = TestSpecs.UniqueName("whole");

        var graph = await Converged(env);

        var plan = await _h.Engine.PlanAsync(graph, new PlanOptions(true), CancellationToken.None);
        Assert.False(plan.HasChanges, PlanText(plan));
        Assert.All(plan.Steps, s => Assert.Equal(PlanAction.NoOp, s.Action));
        Assert.Equal(graph.Resources.Count, plan.Steps.Count);
        var kinds = plan.Steps.Select(s => s.Kind.Name).Distinct().Order().ToList();
        // Every kind but the shared iam-role: the sample's task definition has its own execution role (the shared one
        // is tested in SharedIamProviderTests, RolePolicyProviderTests and DatabaseValuesTests).
        Assert.Equal(ResourceKinds.All.Where(k => k != ResourceKinds.IamRole).Select(k => k.Name).Order(), kinds);
        Assert.All(plan.Steps.Where(s => !s.Kind.Shared), s =>
        {
            Assert.Equal(env, s.Observed!.Tags.GetValueOrDefault(Ownership.EnvironmentTag, s.Observed.Environment));
            Assert.Equal(s.LogicalId, s.Observed.LogicalId);
        });
    }

    /// <summary>
    /// Issue 14: converging from empty waits for the certificate (moto validates it 2 s after the request) over several
    /// passes, and only the first pass, before the request, lists the region's certificates; every later pass
    /// describes the ARN the provider requested. ListCertificates is ACM's slowest API (1 per second against 10 for
    /// DescribeCertificate: ACM User Guide, Quotas, API rate quotas, https://docs.aws.amazon.com/acm/latest/userguide/acm-limits.html),
    /// so with the API budget on each listing could hold a pass for up to a second.
    /// </summary>
    [Fact]
    public async Task Apply_Should_ListCertificatesOnlyBeforeTheRequest_When_ItWaitsForValidation()
    {
        var before = _h.Aws.Metrics.Snapshot();

        var graph = await Converged(TestSpecs.UniqueName("certpass"));

        var acm = _h.Aws.Metrics.Snapshot().Where(kv => kv.Key.Service == "acm")
            .GroupBy(kv => kv.Key.Operation).ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value - before.GetValueOrDefault(kv.Key)));
        Assert.Equal(1, acm.GetValueOrDefault("ListCertificates"));
        Assert.True(acm.GetValueOrDefault("DescribeCertificate") >= 3, $"the waits described the certificate {acm.GetValueOrDefault("DescribeCertificate")} times");
        Assert.False((await _h.Engine.PlanAsync(graph, new PlanOptions(true), CancellationToken.None)).HasChanges);
    }

    [Fact]
    public async Task Apply_Should_MakeNoMutatingCall_When_TheWholeSampleIsInSync()
    {
        var graph = await Converged(TestSpecs.UniqueName("still"));
        var before = _h.Aws.Metrics.Snapshot();

        var again = await _h.Engine.ApplyAsync(graph, new PlanOptions(true), CancellationToken.None);

        Assert.True(again.Converged);
        var mutating = _h.Aws.Metrics.Snapshot()
            .Where(kv => AwsCallMetrics.IsMutating(kv.Key.Operation) && kv.Value > before.GetValueOrDefault(kv.Key))
            .Select(kv => $"{kv.Key.Service}:{kv.Key.Operation}").ToList();
        Assert.Empty(mutating);
    }

    public static TheoryData<string, string, string, string> Edits => new()
    {
        { "desiredCount: 2", "desiredCount: 3", "ecs-service/app", "desiredCount" },
        { "healthCheck: { path: /,", "healthCheck: { path: /health/,", "target-group/app", "healthCheckPath" },
        { "port: 443, cidr", "port: 8443, cidr", "security-group/web", "ingress" },
        { "tag: latest }", "tag: v2 }", "task-definition/app", "containers.web.image" },
        { "instanceClass: db.t3.micro", "instanceClass: db.t3.small", "db-instance/app-db", "instanceClass" },
        { "port: 80,  redirect: https }", "port: 80,  forward: app }", "listener/app-80", "action" },
    };

    [Theory]
    [MemberData(nameof(Edits))]
    public async Task Plan_Should_ShowExactlyTheEditedField_When_OneFieldOfTheSpecChanges(string from, string to, string logicalId, string field)
    {
        var env = TestSpecs.UniqueName("edit");
        await Converged(env);
        await EcsAgent.JoinAsync(_h, $"{env}-app"); // a new revision runs the sample's migration on a host first
        var (_, edited) = TestSpecs.Load(TestSpecs.Isolated(env, t => t.Replace(from, to, StringComparison.Ordinal)));

        var plan = await _h.Engine.PlanAsync(edited, new PlanOptions(true), CancellationToken.None);

        var step = Assert.Single(plan.Changes);
        Assert.Equal((logicalId, PlanAction.Update), (step.LogicalId, step.Action));
        Assert.Equal([field], step.Changes.Select(c => c.Path));
        var applied = await _h.Engine.ApplyAsync(edited, new PlanOptions(true), CancellationToken.None);
        Assert.True(applied.Converged, _h.LogText);
    }

    [Fact]
    public async Task Destroy_Should_RemoveWhatTheEnvironmentOwns_When_ItKeepsWhatItsPoliciesRetain()
    {
        var env = TestSpecs.UniqueName("gone");
        var graph = await Converged(env);

        var destroyed = await _h.Engine.ApplyAsync(graph, new PlanOptions(true, Destroy: true), CancellationToken.None);

        var after = await _h.Engine.PlanAsync(graph, new PlanOptions(true, Destroy: true), CancellationToken.None);
        var left = after.Steps.Where(s => s.Observed is not null).Select(s => s.LogicalId).Order().ToList();
        // Deletion protection retains the database, and with it what it stands on: its subnet group, subnets, group, VPC,
        // and the web group that the database group's rule names (AWS refuses to delete a group another group names).
        Assert.Equal(["db-instance/app-db", "db-subnet-group/app-db", "security-group/db", "security-group/web", "subnet/private-a", "subnet/private-c", "subnet/private-d", "vpc/main"], left);
        Assert.True(destroyed.Converged);
        Assert.Equal(left, destroyed.Retained.Select(s => s.LogicalId).Order().ToList());
        Assert.Empty(destroyed.Failed);
    }

    private static string PlanText(Plan plan) => Reconciler.Cli.PlanPrinter.Text(plan, "test");
}
