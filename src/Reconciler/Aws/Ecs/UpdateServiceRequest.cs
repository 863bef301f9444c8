using System.Text.Json.Serialization;

namespace Reconciler.Aws.Ecs;

/// <summary>Only the members set (non-null) change.</summary>
internal sealed record UpdateServiceRequest(
    [property: JsonPropertyName("cluster")] string Cluster,
    [property: JsonPropertyName("service")] string Service,
    [property: JsonPropertyName("desiredCount")] int? DesiredCount = null,
    [property: JsonPropertyName("taskDefinition")] string? TaskDefinition = null,
    [property: JsonPropertyName("deploymentConfiguration")] EcsDeploymentConfiguration? DeploymentConfiguration = null);
