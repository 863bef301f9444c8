using Reconciler.Model.Graph;
using static Reconciler.Model.Tests.TestSpecs;

namespace Reconciler.Model.Tests.Kinds;

/// <summary>
/// <c>executionRole: { own: true }</c>: the environment's own role in the graph, what refers to it, and the binding's
/// errors; a shared role keeps the graph it had.
/// </summary>
public sealed class ExecutionRoleExpansionTests
{
    private const string Shared = "      executionRole: ecsTaskExecutionRole\n";
    private const string Own = "      executionRole: { own: true }\n";

    private static string WithSecrets(string text) => Mutate(text, "          environment: { MODE: production }",
        "          environment: { MODE: production }\n          secrets: { DB_PASSWORD: { database: app-db, key: password } }");

    private static ResourceGraph Graph(string yaml)
    {
        var loaded = Load(yaml);
        Assert.True(loaded.IsValid, string.Join('\n', loaded.Diagnostics));
        return GraphBuilder.Build(loaded.Document!).Graph!;
    }

    [Fact]
    public void Add_Should_GiveTheEnvironmentItsOwnTaggedRole_When_TheTaskDefinitionAsksForIt()
    {
        var graph = Graph(WithSecrets(Mutate(Shared, Own)));

        var role = graph.Find("execution-role/execution")!;
        Assert.Equal("test-execution", role.Get("name"));
        Assert.Equal("ecs-tasks.amazonaws.com", role.Get("assumeRolePolicy"));
        Assert.Equal([IamRoleKindPolicy], role.SetOf("managedPolicies"));
        Assert.Equal("test", role.Tags[Ownership.EnvironmentTag]);
        Assert.Equal("execution-role/execution", role.Tags[Ownership.LogicalIdTag]);
        Assert.Null(graph.Find("iam-role/ecsTaskExecutionRole"));

        // The task definition runs with it, and the secrets policy goes on it (not on a shared role).
        Assert.Equal("${execution-role/execution#arn}", graph.Find("task-definition/app")!.Get("executionRole"));
        var policy = graph.Find("role-policy/test-execution")!;
        Assert.Equal(("${execution-role/execution}", "reconciler-test-secrets"), (policy.Get("role"), policy.Get("name")));
        Assert.Contains("execution-role/execution", policy.DependsOn);
        Assert.Contains("role-policy/test-execution", graph.Find("ecs-service/app")!.DependsOn);
        Assert.DoesNotContain(graph.Resources, r => r.LogicalId == "role-policy/ecsTaskExecutionRole");
    }

    [Fact]
    public void Add_Should_KeepTheSharedRolesGraph_When_TheSpecNamesASharedRole()
    {
        var graph = Graph(WithSecrets(Base));

        Assert.Null(graph.Find("execution-role/execution"));
        Assert.Equal("${iam-role/ecsTaskExecutionRole#arn}", graph.Find("task-definition/app")!.Get("executionRole"));
        Assert.Equal("${iam-role/ecsTaskExecutionRole}", graph.Find("role-policy/ecsTaskExecutionRole")!.Get("role"));
        Assert.Empty(graph.Find("iam-role/ecsTaskExecutionRole")!.Tags);
    }

    [Fact]
    public void Add_Should_MakeOneRole_When_TwoTaskDefinitionsAskForTheirOwn()
    {
        var second = "    - family: jobs\n" + Own + "      containers:\n        - { name: job, image: { repository: app, tag: v1 }, memory: 128 }\n";
        var graph = Graph(Mutate(Mutate(Shared, Own), "    - family: app\n", second + "    - family: app\n"));

        Assert.Single(graph.Resources, r => r.Kind == ResourceKinds.ExecutionRole);
        Assert.Equal("${execution-role/execution#arn}", graph.Find("task-definition/jobs")!.Get("executionRole"));
    }

    [Theory]
    [InlineData("{ own: false }", "false", "spec.taskDefinitions[0].executionRole.own", "own: false asks for nothing")]
    [InlineData("{ own: yes }", "yes", "spec.taskDefinitions[0].executionRole.own", "expected true or false")]
    [InlineData("{ owned: true }", "owned", "spec.taskDefinitions[0].executionRole.owned", "unknown field")]
    [InlineData("[ecsTaskExecutionRole]", "[ecsTaskExecutionRole]", "spec.taskDefinitions[0].executionRole", "expected a role name or ARN, or { own: true }")]
    public void Bind_Should_ReportThePosition_When_TheOwnFormIsWrong(string value, string at, string path, string message)
    {
        var yaml = Mutate(Shared, $"      executionRole: {value}\n");
        var spec = Load(yaml);

        AssertError(spec, path, PositionOf(yaml, at, after: "executionRole:"), message);
        Assert.False(spec.IsValid);
    }

    [Fact]
    public void Bind_Should_AskForTheOwnRoleFlag_When_TheMappingIsEmpty()
    {
        var yaml = Mutate(Shared, "      executionRole: {}\n");

        AssertError(Load(yaml), "spec.taskDefinitions[0].executionRole.own", PositionOf(yaml, "{}"), "missing required field");
    }

    [Fact]
    public void Check_Should_RefuseTheOwnRole_When_ItsNameWouldPassIamsLimit()
    {
        // The environment's name is limited to 40 characters, so <name>-execution (at most 50) always fits; the check
        // still holds if that rule ever changes, and says why next to the name's own error.
        var name = new string('a', 60);
        var yaml = Mutate(Mutate(Shared, Own), "  name: test\n", $"  name: {name}\n");

        AssertError(Load(yaml), "spec.taskDefinitions[0].executionRole", PositionOf(yaml, "{ own: true }"), $"{name}-execution, longer than IAM's 64 characters");
    }

    [Fact]
    public void Check_Should_AcceptSecrets_When_TheTaskDefinitionHasItsOwnRole()
    {
        var spec = Load(WithSecrets(Mutate(Shared, Own)));

        Assert.True(spec.IsValid, string.Join('\n', spec.Diagnostics));
    }

    private const string IamRoleKindPolicy = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy";
}
