using Reconciler.Aws.Iam;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;
using Reconciler.Providers.Iam;
using Reconciler.Tests.Integration;
using static Reconciler.Tests.Providers.ProviderTestKit;

namespace Reconciler.Tests.Providers.Iam;

/// <summary>The shared IAM kinds on moto_server. IAM is account-wide, so each test renames the sample's role and profile.</summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "Integration")]
public sealed class SharedIamProviderTests : IDisposable
{
    private const string ExecutionPolicy = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy";
    private const string InstancePolicy = "arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role";
    private const string OtherPolicy = "arn:aws:iam::aws:policy/ReadOnlyAccess";
    private readonly ProviderTestKit _kit = new();

    public void Dispose() => _kit.Dispose();

    private SharedRoles Roles => new(_kit.Iam);

    private static (string Env, DesiredResource Role, DesiredResource Profile, ResourceGraph Graph) Sample(string prefix)
    {
        var env = TestSpecs.UniqueName(prefix);
        var (_, graph) = TestSpecs.Load(TestSpecs.SampleText(env, t => TestSpecs.WithSharedExecutionRole(t, $"exec-{env}")
            .Replace("ecsInstanceRole", $"ip-{env}", StringComparison.Ordinal)));
        return (env, graph.Find($"iam-role/exec-{env}")!, graph.Find($"instance-profile/ip-{env}")!, graph);
    }

    private async Task<HashSet<string>> Attached(string role) =>
        (await _kit.Iam.ListAttachedRolePoliciesAsync(new ListAttachedRolePoliciesRequest(role), CancellationToken.None)).Select(p => p.PolicyArn).ToHashSet();

    [Fact]
    public async Task Role_Should_BeCreatedAndSeenByEveryEnvironment_When_ItDoesNotExist()
    {
        var (env, desired, _, _) = Sample("iam-role");
        var provider = new IamRoleProvider(Roles);

        var created = await provider.CreateAsync(Resolved(desired), CancellationToken.None);
        var all = await provider.ObserveAsync([env, "other-env"], [desired], CancellationToken.None);

        Assert.Equal($"exec-{env}", created.AwsId);
        Assert.EndsWith($":role/exec-{env}", created.Attributes["arn"], StringComparison.Ordinal);
        Assert.Equal(new[] { env, "other-env" }.Order(StringComparer.Ordinal), all.Select(o => o.Environment).Order(StringComparer.Ordinal));
        var observed = Assert.Single(all, o => o.Environment == env);
        Assert.Equal(created.Attributes["arn"], observed.Attributes["arn"]);
        Assert.Equal("true", observed.Tags[SharedRoles.SharedTag]);
        Assert.Empty(Diff(desired, observed));
        Assert.Equal([ExecutionPolicy], await Attached($"exec-{env}"));

        // Creating again (a lost answer, a second environment) adopts the role.
        await provider.CreateAsync(Resolved(desired), CancellationToken.None);
        Assert.Empty(Diff(desired, Assert.Single(await provider.ObserveAsync([env], [desired], CancellationToken.None))));
    }

    [Fact]
    public async Task Role_Should_OnlyGainWhatIsMissing_When_ItPredatesUsWithOtherPolicies()
    {
        var (env, desired, _, _) = Sample("iam-pre");
        var name = $"exec-{env}";
        await _kit.Iam.CreateRoleAsync(new CreateRoleRequest(name, SharedRoles.TrustPolicy("ec2.amazonaws.com"), null, new Dictionary<string, string>()), CancellationToken.None);
        await _kit.Iam.AttachRolePolicyAsync(new AttachRolePolicyRequest(name, OtherPolicy), CancellationToken.None);
        var provider = new IamRoleProvider(Roles);

        var observed = Assert.Single(await provider.ObserveAsync([env], [desired], CancellationToken.None));
        var changes = Diff(desired, observed);

        Assert.Equal(["assumeRolePolicy", "managedPolicies"], changes.Select(c => c.Path));
        Assert.Equal("ec2.amazonaws.com", changes[0].Actual);
        Assert.False(changes[0].ForcesReplacement);
        Assert.Equal([ExecutionPolicy], changes[1].Added);
        Assert.Empty(changes[1].Removed!); // the policy someone else attached is not ours to judge

        await provider.UpdateAsync(Resolved(desired), observed, changes, CancellationToken.None);

        Assert.Empty(Diff(desired, Assert.Single(await provider.ObserveAsync([env], [desired], CancellationToken.None))));
        Assert.Equal(new HashSet<string> { ExecutionPolicy, OtherPolicy }, await Attached(name));
        var role = await _kit.Iam.GetRoleAsync(new GetRoleRequest(name), CancellationToken.None);
        Assert.Equal(new HashSet<string> { "ec2.amazonaws.com", "ecs-tasks.amazonaws.com" }, SharedRoles.TrustedServices(role.AssumeRolePolicyDocument));
    }

    [Fact]
    public async Task Profile_Should_HoldARoleOfTheSameName_When_Created()
    {
        var (env, _, desired, _) = Sample("iam-profile");
        var name = $"ip-{env}";
        var provider = new InstanceProfileProvider(Roles);

        var created = await provider.CreateAsync(Resolved(desired), CancellationToken.None);
        var observed = Assert.Single(await provider.ObserveAsync([env], [desired], CancellationToken.None));

        Assert.Equal(name, created.AwsId); // what ${instance-profile/<name>} gives an EC2 instance
        Assert.Equal(name, observed.AwsId);
        Assert.Equal(name, observed.Attributes["name"]);
        Assert.EndsWith($":instance-profile/{name}", observed.Attributes["arn"], StringComparison.Ordinal);
        Assert.Empty(Diff(desired, observed));
        var profile = await _kit.Iam.GetInstanceProfileAsync(new GetInstanceProfileRequest(name), CancellationToken.None);
        Assert.Equal(name, Assert.Single(profile.Roles).RoleName);
        Assert.Equal(["ec2.amazonaws.com"], SharedRoles.TrustedServices(profile.Roles[0].AssumeRolePolicyDocument));
        Assert.Equal([InstancePolicy], await Attached(name));
    }

    [Fact]
    public async Task Profile_Should_GetItsRole_When_ItPredatesUsEmpty()
    {
        var (env, _, desired, _) = Sample("iam-empty");
        var name = $"ip-{env}";
        await _kit.Iam.CreateInstanceProfileAsync(new CreateInstanceProfileRequest(name, new Dictionary<string, string>()), CancellationToken.None);
        var provider = new InstanceProfileProvider(Roles);

        var observed = Assert.Single(await provider.ObserveAsync([env], [desired], CancellationToken.None));
        var changes = Diff(desired, observed);
        Assert.Equal(["assumeRolePolicy", "managedPolicies"], changes.Select(c => c.Path));
        await provider.UpdateAsync(Resolved(desired), observed, changes, CancellationToken.None);

        Assert.Empty(Diff(desired, Assert.Single(await provider.ObserveAsync([env], [desired], CancellationToken.None))));
    }

    [Fact]
    public async Task Destroy_Should_NeverDeleteSharedIam_And_DeleteAsync_Should_RefuseLoudly()
    {
        var (env, role, profile, graph) = Sample("iam-destroy");
        var roleProvider = new IamRoleProvider(Roles);
        var profileProvider = new InstanceProfileProvider(Roles);
        await roleProvider.CreateAsync(Resolved(role), CancellationToken.None);
        await profileProvider.CreateAsync(Resolved(profile), CancellationToken.None);
        var observed = (await roleProvider.ObserveAsync([env], [role], CancellationToken.None))
            .Concat(await profileProvider.ObserveAsync([env], [profile], CancellationToken.None)).ToList();

        var plan = Planner.Plan(graph, new ObservedState(observed, new HashSet<ResourceKind> { ResourceKinds.IamRole, ResourceKinds.InstanceProfile }), new PlanOptions(Prune: true, Destroy: true));

        Assert.Equal(2, observed.Count);
        Assert.DoesNotContain(plan.Steps, s => s.Action == PlanAction.Delete);
        foreach (var (provider, resource) in new (Reconciler.Providers.IResourceProvider, ObservedResource)[] { (roleProvider, observed[0]), (profileProvider, observed[1]) })
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => provider.DeleteAsync(resource, CancellationToken.None));
            Assert.Contains("never deletes", error.Message, StringComparison.Ordinal);
        }

        Assert.NotNull(await Roles.FindRole($"exec-{env}", CancellationToken.None));
        Assert.NotNull(await Roles.FindProfile($"ip-{env}", CancellationToken.None));
    }

    [Theory]
    [InlineData("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"Service":["EC2.amazonaws.com","ecs.amazonaws.com"]},"Action":["sts:AssumeRole"]}}""", "ec2.amazonaws.com,ecs.amazonaws.com")]
    [InlineData("""{"Statement":[{"Effect":"Deny","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}""", "")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::1:root"},"Action":"sts:AssumeRole"}]}""", "")]
    [InlineData("", "")]
    public void TrustedServices_Should_ListAllowedServicePrincipals_When_ParsingATrustPolicy(string document, string expected) =>
        Assert.Equal(expected, string.Join(',', SharedRoles.TrustedServices(document).Order(StringComparer.Ordinal)));

    [Fact]
    public void WithTrust_Should_KeepEveryStatement_When_AddingAPrincipal()
    {
        const string single = """{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}}""";

        var updated = SharedRoles.WithTrust(single, "ecs-tasks.amazonaws.com");

        Assert.Equal(new HashSet<string> { "ec2.amazonaws.com", "ecs-tasks.amazonaws.com" }, SharedRoles.TrustedServices(updated));
    }
}
