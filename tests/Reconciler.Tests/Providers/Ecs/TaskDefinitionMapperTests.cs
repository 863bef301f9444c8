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
        ["log-group/ecs/app#name"] = "/ecs/app",
    };

    private static (DesiredResource Desired, RegisterTaskDefinitionRequest Request) Sample(Func<string, string>? edit = null)
    {
        var (_, graph) = TestSpecs.Load(TestSpecs.SampleText("demo", edit));
        var desired = graph.Find("task-definition/app")!;
        var resolved = new ResolvedResource(desired, Planner.ResolveAll(desired, Ids.GetValueOrDefault));
        return (desired, TaskDefinitionMapper.Request(resolved, "ap-northeast-1"));
    }

    private static ObservedResource Observe(DesiredResource desired, EcsTaskDefinition td) =>
        TaggedResources.Observed(desired.Kind, td.TaskDefinitionArn, desired.Tags, TaskDefinitionMapper.Properties(td))!;

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
            Secrets = null,
        };
        var td = new EcsTaskDefinition("arn:td:1", request.Family, 1, "ACTIVE", null, request.ExecutionRoleArn, null, [answered]);

        Assert.Empty(Planner.Diff(desired, Observe(desired, td), Ids.GetValueOrDefault));
        Assert.Equal("ap-northeast-1", sent.LogConfiguration!.Options!["awslogs-region"]);
    }

    [Fact]
    public void Properties_Should_ReportTheCommand_When_ItChanges()
    {
        var (desired, request) = Sample(t => t.Replace("          memory: 512", "          command: [gunicorn, \"app.wsgi --bind 0.0.0.0:8000\"]\n          memory: 512", StringComparison.Ordinal));
        var sent = request.ContainerDefinitions.Single();
        Assert.Equal(["gunicorn", "app.wsgi --bind 0.0.0.0:8000"], sent.Command);
        var td = new EcsTaskDefinition("arn:td:1", request.Family, 1, "ACTIVE", "bridge", request.ExecutionRoleArn, null, [sent with { Command = ["gunicorn"] }]);

        var changes = Planner.Diff(desired, Observe(desired, td), Ids.GetValueOrDefault);

        Assert.Equal(["containers.web.command"], changes.Select(c => c.Path));
    }
}
