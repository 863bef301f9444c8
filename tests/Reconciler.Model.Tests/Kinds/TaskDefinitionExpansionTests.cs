using Reconciler.Model.Graph;
using Reconciler.Model.Planning;
using static Reconciler.Model.Tests.TestSpecs;

namespace Reconciler.Model.Tests.Kinds;

public sealed class TaskDefinitionExpansionTests
{
    private static DesiredResource TaskDefinition(string yaml)
    {
        var loaded = Load(yaml);
        Assert.Empty(loaded.Errors);
        return GraphBuilder.Build(loaded.Document!).Graph!.Find("task-definition/app")!;
    }

    [Fact]
    public void Add_Should_WriteTypedContainerValues_When_TheSpecGivesPortsCommandAndLogs()
    {
        var td = TaskDefinition(Mutate("          memory: 512\n", "          memory: 512\n          command: [sh, -c, \"echo a b\"]\n"));

        Assert.Equal([new PortMapping(80, 8000, "tcp")], td.Items<PortMapping>("containers.web.portMappings"));
        Assert.Equal([new EnvironmentVariable("MODE", "production")], td.Items<EnvironmentVariable>("containers.web.environment"));
        Assert.Equal(new ContainerCommand(["sh", "-c", "echo a b"]), td.Item<ContainerCommand>("containers.web.command"));
        Assert.Equal("[\"sh\",\"-c\",\"echo a b\"]", td.Properties["containers.web.command"].Display);
        Assert.Equal(new ContainerLogs("${log-group/ecs/app#name}", "ecs"), td.Item<ContainerLogs>("containers.web.logs"));
        Assert.Equal(["log-group/ecs/app"], td.Properties["containers.web.logs"].ReferencedIds());
        Assert.Contains("log-group/ecs/app", td.DependsOn);
    }

    [Fact]
    public void Add_Should_WriteEmptyStrings_When_TheContainerHasNoCommandNorLogs()
    {
        var td = TaskDefinition(Mutate("          logs: { group: /ecs/app }\n", string.Empty));

        // Absent is a value, so that removing a command or logs from the spec is a change.
        Assert.Equal(string.Empty, td.Get("containers.web.command"));
        Assert.Equal(string.Empty, td.Get("containers.web.logs"));
        Assert.Null(td.Item<ContainerLogs>("containers.web.logs"));
    }

    [Fact]
    public void Add_Should_MapTheHostPortToTheContainerPort_When_TheNetworkModeIsHost()
    {
        var td = TaskDefinition(Mutate(Mutate("      executionRole: ecsTaskExecutionRole\n", "      executionRole: ecsTaskExecutionRole\n      networkMode: host\n"),
            "{ hostPort: 80, containerPort: 8000 }", "{ containerPort: 8000, protocol: udp }"));

        Assert.Equal([new PortMapping(8000, 8000, "udp")], td.Items<PortMapping>("containers.web.portMappings"));
    }

    [Fact]
    public void Diff_Should_ShowTheCommandAsChanged_When_OnlyTheArgumentOrderDiffers()
    {
        var desired = FieldValue.Of(new ContainerCommand(["python", "manage.py", "migrate"]));
        var reordered = FieldValue.Of(new ContainerCommand(["manage.py", "python", "migrate"]));
        var same = FieldValue.Of(new ContainerCommand(["python", "manage.py", "migrate"]));

        Assert.NotEqual(desired, reordered);
        Assert.Equal(desired, same);
        Assert.Equal(desired.GetHashCode(), same.GetHashCode());
    }

    [Fact]
    public void Diff_Should_ListThePortMappingsAddedAndRemoved_When_TheHostPortChanges()
    {
        static string? Resolve(string id) => "live";
        var desired = TaskDefinition(Base);
        var observedProperties = Planner.ResolveAll(desired, Resolve).SetItem("containers.web.portMappings", FieldValue.ItemsOf([new PortMapping(8080, 8000, "tcp")]));
        var observed = new ObservedResource(desired.Kind, desired.LogicalId, "demo", "arn:td:1", observedProperties, desired.Tags,
            System.Collections.Immutable.ImmutableSortedDictionary<string, string>.Empty);

        var change = Assert.Single(Planner.Diff(desired, observed, Resolve));

        Assert.Equal("containers.web.portMappings", change.Path);
        Assert.Equal(["80:8000/tcp"], change.Added);
        Assert.Equal(["8080:8000/tcp"], change.Removed);
    }
}
