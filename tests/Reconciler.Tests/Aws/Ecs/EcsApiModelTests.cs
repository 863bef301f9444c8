using Reconciler.Aws.Ecs;
using Reconciler.Tests.Aws.Http;

namespace Reconciler.Tests.Aws.Ecs;

/// <summary>Every ECS operation we call, against botocore's model: the members we send (JSON names) and read.</summary>
public sealed class EcsApiModelTests
{
    private static readonly BotocoreModel Model = BotocoreModel.Load("ecs");

    private static readonly string[] Container =
    [
        "name", "image", "cpu", "memory", "memoryReservation", "essential",
        "portMappings.containerPort", "portMappings.hostPort", "portMappings.protocol",
        "environment.name", "environment.value", "secrets.name", "secrets.valueFrom", "command",
        "logConfiguration.logDriver", "logConfiguration.options",
    ];

    private static readonly string[] TaskDefinition =
        ["taskDefinitionArn", "family", "revision", "status", "networkMode", "executionRoleArn", "taskRoleArn", "cpu", "memory"];

    private static readonly string[] Service =
    [
        "serviceArn", "serviceName", "clusterArn", "status", "desiredCount", "launchType", "taskDefinition",
        "loadBalancers.targetGroupArn", "loadBalancers.containerName", "loadBalancers.containerPort",
        "deploymentConfiguration.deploymentCircuitBreaker.enable", "deploymentConfiguration.deploymentCircuitBreaker.rollback",
        "deployments.status", "deployments.taskDefinition", "deployments.rolloutState", "deployments.rolloutStateReason",
        "tags.key", "tags.value",
    ];

    public static TheoryData<string, string[], string[]> Operations => new()
    {
        { "DescribeClusters", ["clusters", "include"], ["clusters.clusterArn", "clusters.clusterName", "clusters.status", "clusters.tags.key", "clusters.tags.value"] },
        { "CreateCluster", ["clusterName", "tags.key", "tags.value"], ["cluster.clusterArn", "cluster.clusterName"] },
        { "DeleteCluster", ["cluster"], [] },
        { "TagResource", ["resourceArn", "tags.key", "tags.value"], [] },
        { "ListTaskDefinitions", ["familyPrefix", "status", "sort", "maxResults", "nextToken"], ["taskDefinitionArns", "nextToken"] },
        { "DescribeTaskDefinition", ["taskDefinition", "include"], [.. TaskDefinition.Select(m => "taskDefinition." + m), .. Container.Select(m => "taskDefinition.containerDefinitions." + m), "tags.key", "tags.value"] },
        { "RegisterTaskDefinition", ["family", "networkMode", "executionRoleArn", "taskRoleArn", "cpu", "memory", .. Container.Select(m => "containerDefinitions." + m), "tags.key", "tags.value"], [.. TaskDefinition.Select(m => "taskDefinition." + m), "tags.key"] },
        { "DeregisterTaskDefinition", ["taskDefinition"], [] },
        { "DescribeServices", ["cluster", "services", "include"], [.. Service.Select(m => "services." + m)] },
        { "CreateService", ["cluster", "serviceName", "taskDefinition", "desiredCount", "launchType", "loadBalancers.targetGroupArn", "loadBalancers.containerName", "loadBalancers.containerPort", "deploymentConfiguration.deploymentCircuitBreaker.enable", "deploymentConfiguration.deploymentCircuitBreaker.rollback", "clientToken", "propagateTags", "tags.key", "tags.value"], [.. Service.Select(m => "service." + m)] },
        { "UpdateService", ["cluster", "service", "desiredCount", "taskDefinition", "deploymentConfiguration.deploymentCircuitBreaker.enable", "deploymentConfiguration.deploymentCircuitBreaker.rollback"], [.. Service.Select(m => "service." + m)] },
        { "DeleteService", ["cluster", "service", "force"], [] },
        { "RunTask", ["cluster", "taskDefinition", "launchType", "startedBy", "group", "clientToken", "count", "overrides.containerOverrides.name", "overrides.containerOverrides.command", "tags.key", "tags.value"], [.. TaskMembers.Select(m => "tasks." + m), "failures.arn", "failures.reason", "failures.detail"] },
        { "ListTasks", ["cluster", "family", "desiredStatus", "nextToken"], ["taskArns", "nextToken"] },
        { "DescribeTasks", ["cluster", "tasks", "include"], [.. TaskMembers.Select(m => "tasks." + m)] },
        { "StopTask", ["cluster", "task", "reason"], [] },
        { "ListClusters", ["maxResults", "nextToken"], ["clusterArns", "nextToken"] },
        { "ListServices", ["cluster", "maxResults", "nextToken"], ["serviceArns", "nextToken"] },
    };

    private static readonly string[] TaskMembers =
    [
        "taskArn", "taskDefinitionArn", "group", "startedBy", "lastStatus", "stoppedReason",
        "containers.name", "containers.lastStatus", "containers.exitCode", "containers.reason", "tags.key", "tags.value",
    ];

    [Theory]
    [MemberData(nameof(Operations))]
    public void Operation_Should_MatchBotocore_When_ItsMembersAreSentAndRead(string operation, string[] inputs, string[] outputs)
        => Model.AssertOperation(operation, inputs, outputs);

    [Fact]
    public void Enums_Should_MatchTheModel_When_WeSendConstants()
    {
        static List<string> Enum(string shape) => Model.Shape(shape).GetProperty("enum").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Contains("TAGS", Enum("ClusterField"));
        Assert.Contains("TAGS", Enum("ServiceField"));
        Assert.Contains("TAGS", Enum("TaskDefinitionField"));
        Assert.Contains("SERVICE", Enum("PropagateTags"));
        Assert.Contains("ACTIVE", Enum("TaskDefinitionFamilyStatus"));
        Assert.Contains("ACTIVE", Enum("TaskDefinitionStatus"));
        Assert.Contains("TAGS", Enum("TaskField"));
        Assert.Equal(["PENDING", "RUNNING", "STOPPED"], Enum("DesiredStatus").Order());
    }

    [Fact]
    public void ClientToken_Should_FitTheApiLimit_When_Derived()
    {
        // CreateService's clientToken: up to 36 ASCII characters. Ours is 32 hex digits of a SHA-256.
        var (_, graph) = Reconciler.Tests.Integration.TestSpecs.Load(Reconciler.Tests.Integration.TestSpecs.SampleText("tok"));
        var desired = graph.Find("ecs-service/app")!;
        var token = Reconciler.Kinds.EcsServiceProvider.ClientToken(new Reconciler.Providers.ResolvedResource(desired, desired.Properties));
        Assert.Equal(32, token.Length);
        Assert.Equal(EcsApi.ServiceBatch, 10);
        Assert.Equal(EcsApi.ClusterBatch, 100);
        Assert.Equal(EcsApi.TaskBatch, 100);
    }
}
