using System.Text.Json.Serialization;

namespace Reconciler.Aws.Ecs;

/// <summary>The members of a container definition that the spec controls.</summary>
internal sealed record EcsContainerDefinition(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("image")] string Image,
    [property: JsonPropertyName("cpu")] int? Cpu,
    [property: JsonPropertyName("memory")] int? Memory,
    [property: JsonPropertyName("memoryReservation")] int? MemoryReservation,
    [property: JsonPropertyName("essential")] bool? Essential,
    [property: JsonPropertyName("portMappings")] List<EcsPortMapping>? PortMappings,
    [property: JsonPropertyName("environment")] List<EcsKeyValuePair>? Environment,
    [property: JsonPropertyName("secrets")] List<EcsSecret>? Secrets,
    [property: JsonPropertyName("command")] List<string>? Command,
    [property: JsonPropertyName("logConfiguration")] EcsLogConfiguration? LogConfiguration);
