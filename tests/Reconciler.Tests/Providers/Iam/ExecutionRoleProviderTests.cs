using Reconciler.Aws;
using Reconciler.Aws.Http;
using Reconciler.Aws.Iam;
using Reconciler.Engine;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;
using Reconciler.Providers.Iam;
using Reconciler.Tests.Integration;

namespace Reconciler.Tests.Providers.Iam;

/// <summary>
/// An environment's own execution role (<c>executionRole: { own: true }</c>) on moto_server, through the engine:
/// created with its tags, the managed policy and the secrets policy on it; repaired exactly; deleted with the
/// environment (its policies first, as DeleteRole requires), while a role shared by another environment is untouched.
/// </summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ExecutionRoleProviderTests : IDisposable
{
    private const string ExecutionPolicy = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy";
    private const string OtherPolicy = "arn:aws:iam::aws:policy/ReadOnlyAccess";
    private readonly EngineHarness _h = new();

    public void Dispose() => _h.Dispose();

    private IIamApi Iam => new IamApi(_h.Aws.Query(AwsServices.Iam, EngineHarness.Region));

    /// <summary>One task definition reading one SSM parameter, with the environment's own role or the shared <paramref name="shared"/>.</summary>
    private static ResourceGraph Spec(string env, string? shared = null) => TestSpecs.Load(TestSpecs.Small(env, $$"""
        taskDefinitions:
          - family: app
            executionRole: {{shared ?? "{ own: true }"}}
            containers:
              - name: web
                image: public.ecr.aws/nginx/nginx:1.27
                memory: 128
                secrets: { TOKEN: /{{env}}/token }
        """)).Graph;

    private async Task<ApplyResult> Apply(ResourceGraph graph, bool destroy = false)
    {
        var result = await _h.Engine.ApplyAsync(graph, new PlanOptions(Prune: true, Destroy: destroy), CancellationToken.None);
        Assert.True(result.Converged, string.Join('\n', result.Failed.Select(s => $"{s.Step.LogicalId}: {s.Message}")) + _h.LogText);
        return result;
    }

    private async Task<Role?> FindRole(string name)
    {
        try
        {
            return await Iam.GetRoleAsync(new GetRoleRequest(name), CancellationToken.None);
        }
        catch (AwsCallException ex) when (ex.Error.Code == "NoSuchEntity")
        {
            return null;
        }
    }

    private async Task<HashSet<string>> Attached(string role) =>
        (await Iam.ListAttachedRolePoliciesAsync(new ListAttachedRolePoliciesRequest(role), CancellationToken.None)).Select(p => p.PolicyArn).ToHashSet();

    [Fact]
    public async Task Apply_Should_CreateTheEnvironmentsOwnTaggedRoleWithBothPolicies_When_TheSpecAsksForIt()
    {
        var env = TestSpecs.UniqueName("own-role");
        var graph = Spec(env);

        await Apply(graph);

        var role = await FindRole($"{env}-execution");
        Assert.NotNull(role);
        Assert.Equal(env, role.Tags[Ownership.EnvironmentTag]);
        Assert.Equal("execution-role/execution", role.Tags[Ownership.LogicalIdTag]);
        Assert.Equal([ExecutionPolicy], await Attached(role.RoleName));
        Assert.Equal([$"reconciler-{env}-secrets"], await Iam.ListRolePoliciesAsync(new ListRolePoliciesRequest(role.RoleName), CancellationToken.None));
        var plan = await _h.Engine.PlanAsync(graph, new PlanOptions(Prune: true), CancellationToken.None);
        Assert.All(plan.Steps, s => Assert.Equal(PlanAction.NoOp, s.Action));
        Assert.Contains(plan.Steps, s => s.LogicalId == "execution-role/execution");
    }

    [Fact]
    public async Task Apply_Should_MakeTheManagedPoliciesExact_When_SomeoneChangedTheOwnedRole()
    {
        var env = TestSpecs.UniqueName("own-drift");
        var graph = Spec(env);
        await Apply(graph);
        var name = $"{env}-execution";
        await Iam.DetachRolePolicyAsync(new DetachRolePolicyRequest(name, ExecutionPolicy), CancellationToken.None);
        await Iam.AttachRolePolicyAsync(new AttachRolePolicyRequest(name, OtherPolicy), CancellationToken.None);

        var drift = await _h.Engine.PlanAsync(graph, new PlanOptions(Prune: true), CancellationToken.None);
        var step = Assert.Single(drift.Steps, s => s.LogicalId == "execution-role/execution");
        Assert.Equal(PlanAction.Update, step.Action);
        var change = Assert.Single(step.Changes);
        Assert.Equal("managedPolicies", change.Path);
        Assert.Equal([ExecutionPolicy], change.Added!);
        Assert.Equal([OtherPolicy], change.Removed!);

        await Apply(graph);

        Assert.Equal([ExecutionPolicy], await Attached(name));
    }

    [Fact]
    public async Task Destroy_Should_DeleteTheOwnedRoleAndLeaveTheSharedRole_When_TheEnvironmentGoes()
    {
        var own = TestSpecs.UniqueName("own-gone");
        var other = TestSpecs.UniqueName("shared-stays");
        var shared = $"exec-{other}";
        var ownGraph = Spec(own);
        var sharedGraph = Spec(other, shared);
        await Apply(ownGraph);
        await Apply(sharedGraph);

        var result = await Apply(ownGraph, destroy: true);

        Assert.Contains(result.Steps, s => s.Step.LogicalId == "execution-role/execution" && s.Step.Action == PlanAction.Delete);
        Assert.Null(await FindRole($"{own}-execution"));
        Assert.NotNull(await FindRole(shared));
        Assert.Equal([ExecutionPolicy], await Attached(shared));
        Assert.Equal([$"reconciler-{other}-secrets"], await Iam.ListRolePoliciesAsync(new ListRolePoliciesRequest(shared), CancellationToken.None));
        var plan = await _h.Engine.PlanAsync(sharedGraph, new PlanOptions(Prune: true), CancellationToken.None);
        Assert.All(plan.Steps, s => Assert.Equal(PlanAction.NoOp, s.Action));
    }

    [Fact]
    public async Task Apply_Should_PruneTheOwnedRole_When_TheSpecGoesBackToASharedRole()
    {
        var env = TestSpecs.UniqueName("own-back");
        await Apply(Spec(env));

        var result = await Apply(Spec(env, $"exec-{env}"));

        Assert.Contains(result.Steps, s => s.Step.LogicalId == "execution-role/execution" && s.Step.Action == PlanAction.Delete);
        Assert.Null(await FindRole($"{env}-execution"));
        Assert.Equal([$"reconciler-{env}-secrets"], await Iam.ListRolePoliciesAsync(new ListRolePoliciesRequest($"exec-{env}"), CancellationToken.None));
    }

    [Fact]
    public async Task Apply_Should_NeverTouchTheRole_When_AnUntaggedRoleHoldsTheName()
    {
        var env = TestSpecs.UniqueName("own-taken");
        var name = $"{env}-execution";
        await Iam.CreateRoleAsync(new CreateRoleRequest(name, SharedRoles.TrustPolicy("ec2.amazonaws.com"), null, new Dictionary<string, string>()), CancellationToken.None);

        var result = await _h.Engine.ApplyAsync(Spec(env), new PlanOptions(Prune: true), CancellationToken.None);

        var failed = Assert.Single(result.Failed, s => s.Step.LogicalId == "execution-role/execution");
        Assert.Contains($"the IAM role name {name} is taken by an untagged resource", failed.Message, StringComparison.Ordinal);
        var role = await FindRole(name);
        Assert.Empty(role!.Tags);
        Assert.Empty(await Attached(name));
        Assert.Empty(await Iam.ListRolePoliciesAsync(new ListRolePoliciesRequest(name), CancellationToken.None));
    }
}
