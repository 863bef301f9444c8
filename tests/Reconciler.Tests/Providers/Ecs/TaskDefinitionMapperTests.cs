using Reconciler.Aws.Ecs;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;
using Reconciler.Providers;
using Reconciler.Providers.Ecs;
using Reconciler.Tests.Integration;

namespace Reconciler.Tests.Providers.Ecs;

/// <summary>What ECS fills in or leaves out must never read as drift; what we register must read back as the spec.</summary>
public sealed class TaskDefinitionMapperTests
{
    private static readonly Dictionary<string, string> Ids = new(StringComparer.Ordinal)
    {
        ["ecr-repository/app#uri"] = "1.dkr.ecr.ap-northeast-1.amazonaws.com/demo-app",
        ["iam-role/ecsTaskExecutionRole#arn"] = "arn:aws:iam::1:role/ecsTaskExecutionRole",
        ["execution-role/execution#arn"] = "arn:aws:iam::1:role/demo-execution",
        ["log-group/ecs/app#name"] = "/ecs/app",
        ["db-instance/app-db#address"] = "demo-app-db.abc.ap-northeast-1.rds.amazonaws.com",
        ["db-instance/app-db#port"] = "5432",
        ["db-instance/app-db#name"] = "app",
        ["db-instance/app-db#username"] = "app",
        ["db-instance/app-db#secretArn"] = "arn:aws:secretsmanager:ap-northeast-1:1:secret:rds!db-1-AbCdEf",
    };

    private static (DesiredResource Desired, RegisterTaskDefinitionRequest Request) Sample(Func<string, string>? edit = null)
    {
        // The mapper's tests were written against a role named by name: the sample's own role is swapped for the shared one.
        var (_, graph) = TestSpecs.Load(TestSpecs.SampleText("demo", t => (edit ?? (x => x))(TestSpecs.WithSharedExecutionRole(t))));
        var desired = graph.Find("task-definition/app")!;
        var resolved = new ResolvedResource(desired, Planner.ResolveAll(desired, Ids.GetValueOrDefault));
        return (desired, TaskDefinitionMapper.Request(resolved, "ap-northeast-1"));
    }

    private static ObservedResource Observe(DesiredResource desired, EcsTaskDefinition td) =>
        TaggedResources.Observed(desired.Kind, td.TaskDefinitionArn, desired.Tags, TaskDefinitionMapper.Properties(td, desired))!;

    [Fact]
    public void Properties_Should_ShowNoDiff_When_EcsLeavesOutItsDefaults()
    {
        var (desired, request) = Sample();
        var sent = request.ContainerDefinitions.Single();
        // As real ECS may answer: no cpu, essential, hostPort protocol or networkMode; an extra awslogs-region option.
        var answered = sent with
        {
            Cpu = null,
            Essential = null,
            PortMappings = [.. sent.PortMappings!.Select(p => p with { Protocol = null })],
        };
        var td = new EcsTaskDefinition("arn:td:1", request.Family, 1, "ACTIVE", null, request.ExecutionRoleArn, null, [answered]) { Cpu = request.Cpu, Memory = request.Memory };

        Assert.Empty(Planner.Diff(desired, Observe(desired, td), Ids.GetValueOrDefault));
        Assert.Equal("ap-northeast-1", sent.LogConfiguration!.Options!["awslogs-region"]);
    }

    [Fact]
    public void Properties_Should_ReportTheCommand_When_ItChanges()
    {
        var (desired, request) = Sample(t => t.Replace("          memory: 512", "          command: [gunicorn, \"app.wsgi --bind 0.0.0.0:8000\"]\n          memory: 512", StringComparison.Ordinal));
        var sent = request.ContainerDefinitions.Single();
        Assert.Equal(["gunicorn", "app.wsgi --bind 0.0.0.0:8000"], sent.Command);
        var td = new EcsTaskDefinition("arn:td:1", request.Family, 1, "ACTIVE", "bridge", request.ExecutionRoleArn, null, [sent with { Command = ["gunicorn"] }]) { Cpu = request.Cpu, Memory = request.Memory };

        var changes = Planner.Diff(desired, Observe(desired, td), Ids.GetValueOrDefault);

        Assert.Equal(["containers.web.command"], changes.Select(c => c.Path));
    }

    private static string WithTaskRole(string text, string role) =>
        text.Replace("      executionRole: ecsTaskExecutionRole\n", $"      executionRole: ecsTaskExecutionRole\n      taskRole: {role}\n", StringComparison.Ordinal);

    [Theory]
    // The spec names the role; ECS answers its ARN (aws/copilot-cli#2887), with or without a path.
    [InlineData("app-task", "arn:aws:iam::123456789012:role/app-task")]
    [InlineData("app-task", "arn:aws:iam::123456789012:role/service/app-task")]
    // The spec gives the ARN: compared whole.
    [InlineData("arn:aws:iam::123456789012:role/app-task", "arn:aws:iam::123456789012:role/app-task")]
    // An emulator that keeps what it was sent.
    [InlineData("app-task", "app-task")]
    public void Properties_Should_ShowNoDiff_When_EcsAnswersTheTaskRoleInAnotherForm(string spec, string answered)
    {
        var (desired, request) = Sample(t => WithTaskRole(t, spec));
        Assert.Equal(spec, request.TaskRoleArn); // sent as written: ECS takes a short name or an ARN
        var td = new EcsTaskDefinition("arn:td:1", request.Family, 1, "ACTIVE", "bridge", request.ExecutionRoleArn, answered, request.ContainerDefinitions) { Cpu = request.Cpu, Memory = request.Memory };

        Assert.Empty(Planner.Diff(desired, Observe(desired, td), Ids.GetValueOrDefault));
    }

    [Theory]
    [InlineData("app-task", "arn:aws:iam::123456789012:role/other-task")]
    [InlineData("arn:aws:iam::123456789012:role/app-task", "arn:aws:iam::210987654321:role/app-task")]
    public void Properties_Should_ReportTheTaskRole_When_ItIsAnotherRole(string spec, string answered)
    {
        var (desired, request) = Sample(t => WithTaskRole(t, spec));
        var td = new EcsTaskDefinition("arn:td:1", request.Family, 1, "ACTIVE", "bridge", request.ExecutionRoleArn, answered, request.ContainerDefinitions) { Cpu = request.Cpu, Memory = request.Memory };

        Assert.Equal(["taskRole"], Planner.Diff(desired, Observe(desired, td), Ids.GetValueOrDefault).Select(c => c.Path));
    }

    [Fact]
    public void Properties_Should_CompareTheExecutionRoleByItsArn_When_TheSpecNamesItAndItIsDeclared()
    {
        // The execution role is declared (an iam-role node): the spec's name resolves to the role's ARN before it is
        // sent, so ECS's ARN answer matches it whole, and another account's role of the same name would not.
        var (desired, request) = Sample();
        Assert.Equal("arn:aws:iam::1:role/ecsTaskExecutionRole", request.ExecutionRoleArn);
        var same = new EcsTaskDefinition("arn:td:1", request.Family, 1, "ACTIVE", "bridge", "arn:aws:iam::1:role/ecsTaskExecutionRole", null, request.ContainerDefinitions) { Cpu = request.Cpu, Memory = request.Memory };
        var other = same with { ExecutionRoleArn = "arn:aws:iam::2:role/ecsTaskExecutionRole" };

        Assert.Empty(Planner.Diff(desired, Observe(desired, same), Ids.GetValueOrDefault));
        Assert.Equal(["executionRole"], Planner.Diff(desired, Observe(desired, other), Ids.GetValueOrDefault).Select(c => c.Path));
    }

    [Fact]
    public void Properties_Should_ShowNoDiff_When_TheControllerSampleNamesItsRolesAndEcsAnswersArns()
    {
        // samples/controller.yaml names both roles by name: with ECS's ARN answers, a revision registered from it must
        // compare equal, or the controller would register a new revision of itself at every resync.
        var (_, graph) = TestSpecs.Load(File.ReadAllText(Path.Combine(TestSpecs.RepoRoot, "samples", "controller.yaml")));
        var desired = graph.Resources.Single(r => r.Kind == ResourceKinds.TaskDefinition);
        Assert.Equal("${iam-role/ecsTaskExecutionRole#arn}", desired.Get("executionRole"));
        var ids = new Dictionary<string, string>(StringComparer.Ordinal) { ["iam-role/ecsTaskExecutionRole#arn"] = "arn:aws:iam::123456789012:role/ecsTaskExecutionRole" };
        string? Resolve(string key) => ids.GetValueOrDefault(key) ?? (key.EndsWith("#uri", StringComparison.Ordinal) ? "123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/x" : key.EndsWith("#name", StringComparison.Ordinal) ? "/ecs/x" : null);
        var request = TaskDefinitionMapper.Request(new ResolvedResource(desired, Planner.ResolveAll(desired, Resolve)), "ap-northeast-1");
        Assert.Equal("reconciler-controller", request.TaskRoleArn);
        var td = new EcsTaskDefinition("arn:td:1", request.Family, 1, "ACTIVE", "bridge", "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
            "arn:aws:iam::123456789012:role/reconciler-controller", request.ContainerDefinitions) { Cpu = request.Cpu, Memory = request.Memory };

        var observed = TaggedResources.Observed(desired.Kind, td.TaskDefinitionArn, desired.Tags, TaskDefinitionMapper.Properties(td, desired))!;

        Assert.Empty(Planner.Diff(desired, observed, Resolve));
    }

    [Fact]
    public void Request_Should_CarryTheDatabasesValuesAndTaskSize_When_TheSampleNamesThem()
    {
        var (desired, request) = Sample();
        var web = request.ContainerDefinitions.Single();

        Assert.Equal(("1024", "768"), (request.Cpu, request.Memory));
        Assert.Contains(new EcsKeyValuePair("DATABASE_HOST", "demo-app-db.abc.ap-northeast-1.rds.amazonaws.com"), web.Environment!);
        Assert.Contains(new EcsKeyValuePair("DATABASE_PORT", "5432"), web.Environment!);
        Assert.Equal([new EcsSecret("DATABASE_PASSWORD", "arn:aws:secretsmanager:ap-northeast-1:1:secret:rds!db-1-AbCdEf:password::")], web.Secrets);

        // ECS answers task-level cpu and memory as integer strings; another value is a change of that field only.
        var td = new EcsTaskDefinition("arn:td:1", request.Family, 1, "ACTIVE", "bridge", request.ExecutionRoleArn, null, request.ContainerDefinitions) { Cpu = "1024", Memory = "512" };
        Assert.Equal(["memory"], Planner.Diff(desired, Observe(desired, td), Ids.GetValueOrDefault).Select(c => c.Path));
    }
}
