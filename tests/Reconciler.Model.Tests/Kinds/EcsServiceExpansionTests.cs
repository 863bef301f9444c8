using Reconciler.Model.Graph;
using static Reconciler.Model.Tests.TestSpecs;

namespace Reconciler.Model.Tests.Kinds;

public sealed class EcsServiceExpansionTests
{
    private static ResourceGraph Build(string yaml)
    {
        var loaded = Load(yaml);
        Assert.Empty(loaded.Errors);
        return GraphBuilder.Build(loaded.Document!).Graph!;
    }

    [Fact]
    public void Add_Should_CarryTheBeforeDeployTasksAsTypedInstructionsInOrder_When_TheServiceHasTwo()
    {
        var graph = Build(Mutate("loadBalancer: { targetGroup: app, container: web, containerPort: 8000 }",
            "loadBalancer: { targetGroup: app, container: web, containerPort: 8000 }\n" +
            "      beforeDeploy:\n" +
            "        - { container: web, command: [python, manage.py, migrate] }\n" +
            "        - { container: web, command: [python, manage.py, collectstatic], timeoutSeconds: 60 }"));

        var tasks = graph.Find("ecs-service/app")!.Instructions.OfType<BeforeDeployTask>().ToList();

        Assert.Equal(
            [
                new BeforeDeployTask("web", new ContainerCommand(["python", "manage.py", "migrate"]), BeforeDeploySpec.DefaultTimeoutSeconds),
                new BeforeDeployTask("web", new ContainerCommand(["python", "manage.py", "collectstatic"]), 60),
            ],
            tasks);
        Assert.DoesNotContain(graph.Find("ecs-service/app")!.Properties.Values, v => v.Display.Contains("migrate", StringComparison.Ordinal));
    }

    [Fact]
    public void Add_Should_BindTheTargetGroupByReference_When_TheServiceHasALoadBalancer()
    {
        var service = Build(Base).Find("ecs-service/app")!;

        var binding = service.Item<LoadBalancerBinding>("loadBalancer")!;
        Assert.Equal(new LoadBalancerBinding("${target-group/app}", "web", 8000), binding);
        Assert.Equal("${target-group/app}|web|8000", binding.Display);
        Assert.Contains("target-group/app", service.DependsOn);
        Assert.Equal(new LoadBalancerBinding("arn:tg", "web", 8000), binding.Resolve(id => id == "target-group/app" ? "arn:tg" : null));
    }

    [Fact]
    public void Add_Should_IgnoreTheImagesOfItsTaskDefinition_When_TheServiceIgnoresImage()
    {
        var graph = Build(Mutate("loadBalancer: { targetGroup: app, container: web, containerPort: 8000 }",
            "loadBalancer: { targetGroup: app, container: web, containerPort: 8000 }\n      ignoreChanges: [image, desiredCount]"));

        Assert.Equal(["containers.*.image"], graph.Find("task-definition/app")!.IgnoredFields);
        Assert.Equal(["desiredCount"], graph.Find("ecs-service/app")!.IgnoredFields);
    }
}
