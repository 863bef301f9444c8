using Reconciler.Model.Loading;

namespace Reconciler.Model.Kinds;

internal sealed record ServiceSpec(
    string Name,
    string Cluster,
    string TaskDefinition,
    int DesiredCount,
    string LaunchType,
    ServiceLoadBalancerSpec? LoadBalancer,
    IReadOnlyList<string> IgnoreChanges,
    IReadOnlyList<BeforeDeploySpec> BeforeDeploy,
    string? AwsName = null)
{
    /// <summary>Reads one entry of <c>services</c>: one task, EC2, no load balancer, nothing ignored unless given.</summary>
    public static ServiceSpec Bind(MappingReader r) => new(
        Name: r.Required("name"),
        Cluster: r.Required("cluster"),
        TaskDefinition: r.Required("taskDefinition"),
        DesiredCount: r.Int("desiredCount", min: 0, max: 10_000) ?? 1,
        LaunchType: r.Choice("launchType", ["EC2"], unsupported: ClusterSpec.Fargate) ?? "EC2",
        LoadBalancer: r.Object("loadBalancer", ServiceLoadBalancerSpec.Bind),
        IgnoreChanges: r.StringList("ignoreChanges"),
        BeforeDeploy: r.Objects("beforeDeploy", BeforeDeploySpec.Bind),
        AwsName: r.String("awsName"));
}
