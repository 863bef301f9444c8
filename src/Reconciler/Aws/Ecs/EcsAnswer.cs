using System.Text.Json.Serialization;

namespace Reconciler.Aws.Ecs;

/// <summary>
/// The union of the ECS answers we read besides task definitions (each answer fills its own members): one type
/// instead of one per operation, since every member is optional in the model anyway.
/// </summary>
internal sealed record EcsAnswer(
    [property: JsonPropertyName("nextToken")] string? NextToken = null,
    [property: JsonPropertyName("clusters")] List<EcsCluster>? Clusters = null,
    [property: JsonPropertyName("cluster")] EcsCluster? Cluster = null,
    [property: JsonPropertyName("taskDefinitionArns")] List<string>? TaskDefinitionArns = null,
    [property: JsonPropertyName("services")] List<EcsService>? Services = null,
    [property: JsonPropertyName("service")] EcsService? Service = null,
    [property: JsonPropertyName("taskArns")] List<string>? TaskArns = null,
    [property: JsonPropertyName("tasks")] List<EcsTask>? Tasks = null,
    [property: JsonPropertyName("failures")] List<EcsTaskFailure>? Failures = null,
    [property: JsonPropertyName("clusterArns")] List<string>? ClusterArns = null,
    [property: JsonPropertyName("serviceArns")] List<string>? ServiceArns = null);
