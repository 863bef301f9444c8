using System.Text.Json.Serialization;

namespace Reconciler.Aws.Ecs;

/// <summary>A service, its tags set in the same call; <see cref="ClientToken"/> makes a retried create idempotent.</summary>
internal sealed record CreateServiceRequest(
    [property: JsonPropertyName("cluster")] string Cluster,
    [property: JsonPropertyName("serviceName")] string ServiceName,
    [property: JsonPropertyName("taskDefinition")] string TaskDefinition,
    [property: JsonPropertyName("desiredCount")] int DesiredCount,
    [property: JsonPropertyName("launchType")] string LaunchType,
    [property: JsonPropertyName("loadBalancers")] List<EcsLoadBalancer>? LoadBalancers,
    [property: JsonPropertyName("deploymentConfiguration")] EcsDeploymentConfiguration DeploymentConfiguration,
    [property: JsonPropertyName("clientToken")] string ClientToken,
    [property: JsonPropertyName("propagateTags")] string PropagateTags,
    [property: JsonPropertyName("tags")] List<EcsTag> Tags);
