using System.Collections.Immutable;
using Reconciler.Aws;
using Reconciler.Aws.Iam;
using Reconciler.Model.Graph;
using Reconciler.Providers;
using Reconciler.Providers.Iam;
using Reconciler.Tests.Integration;
using static Reconciler.Tests.Providers.ProviderTestKit;

namespace Reconciler.Tests.Providers.Iam;

/// <summary>
/// The execution role's inline policy reconciler-&lt;env&gt;-secrets on moto_server: put, observed back as sets, replaced,
/// deleted, by name only, so the role's other inline policies (another environment's, a human's) stay as they are.
/// </summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "Integration")]
public sealed class RolePolicyProviderTests : IDisposable
{
    private const string SecretArn = "arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:rds!db-1-AbCdEf";
    private const string OtherSecretArn = "arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:rds!db-2-GhIjKl";
    private const string Human = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""";
    private readonly ProviderTestKit _kit = new();

    public void Dispose() => _kit.Dispose();

    /// <summary>The sample's policy node with its execution role renamed (IAM is account-wide) and the database secret resolved.</summary>
    private async Task<(string Env, string Role, DesiredResource Desired)> Setup(string prefix)
    {
        var env = TestSpecs.UniqueName(prefix);
        var role = $"exec-{env}";
        var desired = Desired(env, $"role-policy/{role}", t => TestSpecs.WithSharedExecutionRole(t, role));
        await new SharedRoles(_kit.Iam).EnsureRole(role, "ecs-tasks.amazonaws.com", ImmutableSortedSet<string>.Empty, CancellationToken.None);
        await _kit.Iam.PutRolePolicyAsync(new PutRolePolicyRequest(role, "human-written", Human), CancellationToken.None);
        return (env, role, desired);
    }

    private static ResolvedResource Resolve(DesiredResource desired, string secretArn) =>
        new(desired, Model.Planning.Planner.ResolveAll(desired, key => key switch
        {
            _ when key.EndsWith("#secretArn", StringComparison.Ordinal) => secretArn,
            _ when key.StartsWith("iam-role/", StringComparison.Ordinal) => key["iam-role/".Length..],
            _ => null,
        }));

    [Fact]
    public async Task Create_Should_AllowReadingExactlyTheSecret_When_TheTaskDefinitionNamesTheDatabaseSecret()
    {
        var (env, role, desired) = await Setup("policy");
        var provider = new RolePolicyProvider(_kit.Iam);

        var created = await provider.CreateAsync(Resolve(desired, SecretArn), CancellationToken.None);
        var observed = await Observe(provider, env, desired);

        Assert.Equal($"{role}/reconciler-{env}-secrets", created.AwsId);
        Assert.NotNull(observed);
        Assert.Equal([SecretArn], observed.SetOf("secrets"));
        Assert.Empty(Model.Planning.Planner.Diff(desired, observed, key => key.EndsWith("#secretArn", StringComparison.Ordinal) ? SecretArn : key["iam-role/".Length..]));
        var document = (await _kit.Iam.GetRolePolicyAsync(new GetRolePolicyRequest(role, $"reconciler-{env}-secrets"), CancellationToken.None)).PolicyDocument;
        Assert.Equal([SecretArn], SecretsPolicyDocument.Resources(document, "secretsmanager:GetSecretValue"));
        Assert.Equal(Human, (await _kit.Iam.GetRolePolicyAsync(new GetRolePolicyRequest(role, "human-written"), CancellationToken.None)).PolicyDocument);
    }

    [Fact]
    public async Task Update_Should_NameTheNewSecret_When_RdsRotatedToANewSecretArn()
    {
        var (env, role, desired) = await Setup("rotate");
        var provider = new RolePolicyProvider(_kit.Iam);
        await provider.CreateAsync(Resolve(desired, SecretArn), CancellationToken.None);
        var before = await Observe(provider, env, desired);

        var changes = Model.Planning.Planner.Diff(desired, before!, key => key.EndsWith("#secretArn", StringComparison.Ordinal) ? OtherSecretArn : key["iam-role/".Length..]);
        await provider.UpdateAsync(Resolve(desired, OtherSecretArn), before!, changes, CancellationToken.None);

        Assert.Equal(["secrets"], changes.Select(c => c.Path));
        Assert.Equal([OtherSecretArn], (await Observe(provider, env, desired))!.SetOf("secrets"));
        Assert.Equal(Human, (await _kit.Iam.GetRolePolicyAsync(new GetRolePolicyRequest(role, "human-written"), CancellationToken.None)).PolicyDocument);
    }

    [Fact]
    public async Task Delete_Should_RemoveOnlyThisEnvironmentsPolicy_When_TheRoleHasOthers()
    {
        var (env, role, desired) = await Setup("unput");
        var provider = new RolePolicyProvider(_kit.Iam);
        await provider.CreateAsync(Resolve(desired, SecretArn), CancellationToken.None);
        var observed = await Observe(provider, env, desired);

        await provider.DeleteAsync(observed!, CancellationToken.None);
        await provider.DeleteAsync(observed!, CancellationToken.None); // already gone: done, not a failure

        Assert.Null(await Observe(provider, env, desired));
        var gone = await Assert.ThrowsAsync<AwsCallException>(() => _kit.Iam.GetRolePolicyAsync(new GetRolePolicyRequest(role, $"reconciler-{env}-secrets"), CancellationToken.None));
        Assert.Equal("NoSuchEntity", gone.Error.Code);
        Assert.Equal(Human, (await _kit.Iam.GetRolePolicyAsync(new GetRolePolicyRequest(role, "human-written"), CancellationToken.None)).PolicyDocument);
    }

    /// <summary>A live task definition of <paramref name="env"/> on <paramref name="role"/>, as the task-definition provider observes it.</summary>
    private static Model.Planning.ObservedResource TaskDefinition(string env, string role) => new(
        ResourceKinds.TaskDefinition, "task-definition/app", env, $"arn:aws:ecs:ap-northeast-1:123456789012:task-definition/{env}-app:3",
        ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("executionRole", FieldValue.Of($"arn:aws:iam::123456789012:role/{role}"))]),
        ImmutableSortedDictionary<string, string>.Empty, ImmutableSortedDictionary<string, string>.Empty);

    [Fact]
    public async Task ObserveAfter_Should_FindTheLeftoverPolicy_When_OnlyALiveTaskDefinitionNamesTheRole()
    {
        var (env, role, desired) = await Setup("leftover");
        var provider = new RolePolicyProvider(_kit.Iam);
        await provider.CreateAsync(Resolve(desired, SecretArn), CancellationToken.None);

        var found = await provider.ObserveAfterAsync([env], [], [TaskDefinition(env, role), TaskDefinition("someone-else", role)], CancellationToken.None);

        var leftover = Assert.Single(found);
        Assert.Equal(($"role-policy/{role}", env, $"{role}/reconciler-{env}-secrets"), (leftover.LogicalId, leftover.Environment, leftover.AwsId));
        Assert.Equal([SecretArn], leftover.SetOf("secrets"));
        Assert.Empty(await provider.ObserveAfterAsync([env], [], [], CancellationToken.None));
    }
}

