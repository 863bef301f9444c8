using System.Text.Json.Serialization;

namespace Reconciler.Aws.Ecs;

/// <summary>A service's binding to a target group: the container and port that receive its traffic.</summary>
internal sealed record EcsLoadBalancer(
    [property: JsonPropertyName("targetGroupArn")] string? TargetGroupArn,
    [property: JsonPropertyName("containerName")] string? ContainerName,
    [property: JsonPropertyName("containerPort")] int? ContainerPort);
