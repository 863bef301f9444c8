using System.Text.Json.Serialization;

namespace Reconciler.Aws.Ecs;

internal sealed record EcsPortMapping(
    [property: JsonPropertyName("containerPort")] int ContainerPort,
    [property: JsonPropertyName("hostPort")] int? HostPort,
    [property: JsonPropertyName("protocol")] string? Protocol);
