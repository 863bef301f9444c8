using Reconciler.Model.Graph;

namespace Reconciler.Model.Kinds;

/// <summary>
/// The ecs-service kind. Name, cluster, launch type and the load balancer binding are set at creation (a change
/// replaces the service); desired count, task definition and the deployment circuit breaker change in place with
/// one UpdateService.
/// </summary>
internal static class EcsServiceKind
{
    public const string Name = "name";
    public const string Cluster = "cluster";
    public const string TaskDefinition = "taskDefinition";
    public const string DesiredCount = "desiredCount";
    public const string LaunchType = "launchType";
    public const string CircuitBreaker = "circuitBreaker";
    public const string LoadBalancer = "loadBalancer";

    /// <summary>What <c>ignoreChanges</c> may name: the service's own fields here, and <c>image</c> for its task definition's containers.</summary>
    public static IReadOnlyList<string> IgnorableFields { get; } = [DesiredCount, TaskDefinition];

    public const string IgnoreImage = "image";

    /// <summary>The values of <see cref="CircuitBreaker"/>: on with rollback (what the spec always asks for), on, off.</summary>
    public const string Rollback = "rollback";
    public const string Enabled = "enabled";
    public const string Disabled = "disabled";

    public static ResourceKind Kind { get; } = ResourceKind.Define("ecs-service", 80,
        "An ECS service (`spec.services[]`) on EC2 hosts, named `<environment>-<name>`; the AWS id is its ARN. A rollout is reported, never waited for.",
        [
            new(Name, "`<environment>-<name>`, or the entry's `awsName` as given", ForcesReplacement: true),
            new(Cluster, "the cluster's ARN", ForcesReplacement: true),
            new(TaskDefinition, "the task definition's latest revision ARN"),
            new(DesiredCount, "how many tasks run"),
            new(LaunchType, "EC2", ForcesReplacement: true),
            new(CircuitBreaker, "rollback (the deployment circuit breaker with rollback), enabled or disabled"),
            new(LoadBalancer, "target group ARN, container and port the tasks register with", ForcesReplacement: true),
        ]);
}
