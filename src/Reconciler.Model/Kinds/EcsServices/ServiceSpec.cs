namespace Reconciler.Model.Kinds;

internal sealed record ServiceSpec(
    string Name,
    string Cluster,
    string TaskDefinition,
    int DesiredCount,
    string LaunchType,
    ServiceLoadBalancerSpec? LoadBalancer,
    IReadOnlyList<string> IgnoreChanges,
    IReadOnlyList<BeforeDeploySpec> BeforeDeploy);
