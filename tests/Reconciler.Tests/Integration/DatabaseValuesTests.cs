using Reconciler.Aws.Ecs;
using Reconciler.Aws.Http;
using Reconciler.Aws.Iam;
using Reconciler.Aws.Rds;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;

namespace Reconciler.Tests.Integration;

/// <summary>
/// Issue 17 on moto_server: the sample's app reaches its database. One apply registers the task definition with the
/// database's live endpoint, name, user and managed secret (moto answers MasterUserSecret.SecretArn and the endpoint
/// at creation, as RDS does once the instance is available), the execution role may read exactly that secret, and the
/// plan is empty afterwards. A database replaced (with its opt-in) leads to a new revision with the new values.
/// </summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "Integration")]
public sealed class DatabaseValuesTests : IDisposable
{
    private readonly EngineHarness _h = new();

    public void Dispose() => _h.Dispose();

    private IEcsApi Ecs => new EcsApi(_h.Aws.Json(AwsServices.Ecs, EngineHarness.Region));

    private IRdsApi Rds => new RdsApi(_h.Aws.Query(AwsServices.Rds, EngineHarness.Region));

    private IIamApi Iam => new IamApi(_h.Aws.Query(AwsServices.Iam, EngineHarness.Region));

    private async Task<ResourceGraph> Apply(string env, Func<string, string>? edit = null)
    {
        // These tests are about the secrets policy on a shared role (its neighbours, moving it): the sample's own role is swapped for one.
        var (_, graph) = TestSpecs.Load(TestSpecs.Isolated(env, t => (edit ?? (x => x))(TestSpecs.WithSharedExecutionRole(t))));
        var result = await _h.Engine.ApplyAsync(graph, new PlanOptions(Prune: true), CancellationToken.None);
        Assert.True(result.Converged, string.Join("\n", result.Failed.Concat(result.Waiting).Select(f => $"{f.Step.LogicalId}: {f.Message}")) + "\n" + _h.LogText);
        return graph;
    }

    /// <summary>The newest revision of the environment's app family, as ECS describes it.</summary>
    private async Task<EcsTaskDefinition> Registered(string env)
    {
        var arns = await Ecs.ListTaskDefinitionsAsync($"{env}-app", CancellationToken.None);
        var newest = arns.MaxBy(a => int.Parse(a[(a.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture))!;
        return (await Ecs.DescribeTaskDefinitionAsync(newest, CancellationToken.None)).TaskDefinition;
    }

    private async Task AssertCarriesTheDatabase(string env, EcsTaskDefinition td)
    {
        var db = Assert.Single(await Rds.DescribeDbInstancesAsync($"{env}-app-db", CancellationToken.None));
        Assert.False(string.IsNullOrEmpty(db.EndpointAddress));
        Assert.False(string.IsNullOrEmpty(db.MasterUserSecretArn));
        var web = Assert.Single(td.ContainerDefinitions!);
        var environment = web.Environment!.ToDictionary(e => e.Name, e => e.Value, StringComparer.Ordinal);
        Assert.Equal(db.EndpointAddress, environment["DATABASE_HOST"]);
        Assert.Equal(db.EndpointPort!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), environment["DATABASE_PORT"]);
        Assert.Equal(db.DatabaseName, environment["DATABASE_NAME"]);
        Assert.Equal(db.MasterUsername, environment["DATABASE_USER"]);
        // ECS reads the JSON key "password" of the current version: <secret arn>:password:: (no value in the spec, the request or the task definition).
        var secret = Assert.Single(web.Secrets!);
        Assert.Equal(("DATABASE_PASSWORD", db.MasterUserSecretArn + ":password::"), (secret.Name, secret.ValueFrom));
        var policy = await Iam.GetRolePolicyAsync(new GetRolePolicyRequest("ecsTaskExecutionRole", $"reconciler-{env}-secrets"), CancellationToken.None);
        Assert.Equal([db.MasterUserSecretArn], SecretsPolicyDocument.Resources(policy.PolicyDocument, "secretsmanager:GetSecretValue"));
    }

    [Fact]
    public async Task Apply_Should_RegisterTheDatabasesValuesAndSecret_When_TheSampleConvergesInOneApply()
    {
        var env = TestSpecs.UniqueName("appdb");

        var graph = await Apply(env);

        var td = await Registered(env);
        await AssertCarriesTheDatabase(env, td);
        Assert.Equal(("1024", "768"), (td.Cpu, td.Memory));
        var plan = await _h.Engine.PlanAsync(graph, new PlanOptions(true), CancellationToken.None);
        Assert.False(plan.HasChanges, Reconciler.Cli.PlanPrinter.Text(plan, "test"));
    }

    [Fact]
    public async Task Apply_Should_RegisterANewRevisionWithTheNewDatabase_When_TheDatabaseIsReplaced()
    {
        var env = TestSpecs.UniqueName("redb");
        string Unprotected(string t) => t.Replace("deletionProtection: true", "deletionProtection: false\n      allowReplacement: true", StringComparison.Ordinal);
        await Apply(env, Unprotected);
        var before = await Registered(env);
        var oldSecret = Assert.Single(await Rds.DescribeDbInstancesAsync($"{env}-app-db", CancellationToken.None)).MasterUserSecretArn;
        await EcsAgent.JoinAsync(_h, $"{env}-app"); // a new revision runs the sample's migration on a host first

        // The database name cannot change in place: the opted-in database is replaced, with a new managed secret.
        var graph = await Apply(env, t => Unprotected(t).Replace("databaseName: app", "databaseName: app2", StringComparison.Ordinal));

        var after = await Registered(env);
        Assert.True(after.Revision > before.Revision, $"revision {after.Revision} after {before.Revision}");
        await AssertCarriesTheDatabase(env, after);
        Assert.NotEqual(oldSecret, Assert.Single(after.ContainerDefinitions![0].Secrets!).ValueFrom[..^":password::".Length]);
        Assert.Equal("app2", after.ContainerDefinitions![0].Environment!.Single(e => e.Name == "DATABASE_NAME").Value);
        var plan = await _h.Engine.PlanAsync(graph, new PlanOptions(true), CancellationToken.None);
        Assert.False(plan.HasChanges, Reconciler.Cli.PlanPrinter.Text(plan, "test"));
    }

    private const string Human = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""";

    private async Task<bool> HasPolicy(string role, string name)
    {
        try
        {
            await Iam.GetRolePolicyAsync(new GetRolePolicyRequest(role, name), CancellationToken.None);
            return true;
        }
        catch (Reconciler.Aws.AwsCallException ex) when (ex.Error.Code == "NoSuchEntity")
        {
            return false;
        }
    }

    /// <summary>The sample without the container's secrets: the task definition stays, on the same execution role.</summary>
    private static string WithoutSecrets(string text) => string.Join('\n', text.Split('\n')
        .Where(l => !l.TrimStart().StartsWith("secrets:", StringComparison.Ordinal) && !l.Contains("DATABASE_PASSWORD:", StringComparison.Ordinal)));

    [Fact]
    public async Task Apply_Should_DeleteOnlyTheSecretsPolicy_When_TheSpecStopsNamingSecrets()
    {
        var env = TestSpecs.UniqueName("nosecret");
        await Apply(env);
        var policy = $"reconciler-{env}-secrets";
        await Iam.PutRolePolicyAsync(new PutRolePolicyRequest("ecsTaskExecutionRole", $"human-{env}", Human), CancellationToken.None);
        Assert.True(await HasPolicy("ecsTaskExecutionRole", policy));
        await EcsAgent.JoinAsync(_h, $"{env}-app"); // the new revision runs the sample's migration on a host first

        var graph = await Apply(env, WithoutSecrets);

        Assert.Empty(Assert.Single((await Registered(env)).ContainerDefinitions!).Secrets ?? []);
        Assert.False(await HasPolicy("ecsTaskExecutionRole", policy), "the grant to read the secret outlived the spec naming it");
        Assert.Equal(Human, (await Iam.GetRolePolicyAsync(new GetRolePolicyRequest("ecsTaskExecutionRole", $"human-{env}"), CancellationToken.None)).PolicyDocument);
        var plan = await _h.Engine.PlanAsync(graph, new PlanOptions(true), CancellationToken.None);
        Assert.False(plan.HasChanges, Reconciler.Cli.PlanPrinter.Text(plan, "test"));
    }

    [Fact]
    public async Task Apply_Should_MoveTheSecretsPolicy_When_TheExecutionRoleChanges()
    {
        var env = TestSpecs.UniqueName("moverole");
        var role = $"exec-{env}";
        await Apply(env);
        var policy = $"reconciler-{env}-secrets";
        await EcsAgent.JoinAsync(_h, $"{env}-app");

        var graph = await Apply(env, t => t.Replace("executionRole: ecsTaskExecutionRole", $"executionRole: {role}", StringComparison.Ordinal));

        Assert.EndsWith($":role/{role}", (await Registered(env)).ExecutionRoleArn, StringComparison.Ordinal);
        Assert.True(await HasPolicy(role, policy));
        Assert.False(await HasPolicy("ecsTaskExecutionRole", policy), "the old execution role kept the grant");
        var plan = await _h.Engine.PlanAsync(graph, new PlanOptions(true), CancellationToken.None);
        Assert.False(plan.HasChanges, Reconciler.Cli.PlanPrinter.Text(plan, "test"));
    }

    [Fact]
    public async Task Apply_Should_ReportTheLeftoverPolicy_When_TheEnvironmentDoesNotPrune()
    {
        var env = TestSpecs.UniqueName("keepgrant");
        await Apply(env);
        var (_, graph) = TestSpecs.Load(TestSpecs.Isolated(env, WithoutSecrets));

        var plan = await _h.Engine.PlanAsync(graph, new PlanOptions(Prune: false), CancellationToken.None);

        var step = Assert.Single(plan.Steps, s => s.LogicalId == "role-policy/ecsTaskExecutionRole");
        Assert.Equal(PlanAction.Orphan, step.Action);
        Assert.True(await HasPolicy("ecsTaskExecutionRole", $"reconciler-{env}-secrets"));
    }
}
