using System.Text.Json.Serialization;

namespace Reconciler.Aws.Ecs;

/// <summary>A service as DescribeServices reports it (the members we read).</summary>
internal sealed record EcsService(
    [property: JsonPropertyName("serviceArn")] string ServiceArn,
    [property: JsonPropertyName("serviceName")] string ServiceName,
    [property: JsonPropertyName("clusterArn")] string ClusterArn,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("desiredCount")] int DesiredCount,
    [property: JsonPropertyName("launchType")] string? LaunchType,
    [property: JsonPropertyName("taskDefinition")] string? TaskDefinition,
    [property: JsonPropertyName("loadBalancers")] List<EcsLoadBalancer>? LoadBalancers,
    [property: JsonPropertyName("deploymentConfiguration")] EcsDeploymentConfiguration? DeploymentConfiguration,
    [property: JsonPropertyName("deployments")] List<EcsDeployment>? Deployments,
    [property: JsonPropertyName("tags")] List<EcsTag>? Tags);
