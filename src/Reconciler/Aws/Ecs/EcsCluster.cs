using System.Text.Json.Serialization;

namespace Reconciler.Aws.Ecs;

internal sealed record EcsCluster(
    [property: JsonPropertyName("clusterArn")] string ClusterArn,
    [property: JsonPropertyName("clusterName")] string ClusterName,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("tags")] List<EcsTag>? Tags);
