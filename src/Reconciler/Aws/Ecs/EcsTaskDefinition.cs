using System.Text.Json.Serialization;

namespace Reconciler.Aws.Ecs;

/// <summary>One revision of a task definition (the members we read).</summary>
internal sealed record EcsTaskDefinition(
    [property: JsonPropertyName("taskDefinitionArn")] string TaskDefinitionArn,
    [property: JsonPropertyName("family")] string Family,
    [property: JsonPropertyName("revision")] int Revision,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("networkMode")] string? NetworkMode,
    [property: JsonPropertyName("executionRoleArn")] string? ExecutionRoleArn,
    [property: JsonPropertyName("taskRoleArn")] string? TaskRoleArn,
    [property: JsonPropertyName("containerDefinitions")] List<EcsContainerDefinition>? ContainerDefinitions)
{
    /// <summary>Task-level CPU units: ECS answers the integer as a string, "1 vCPU" converted to "1024".</summary>
    [JsonPropertyName("cpu")]
    public string? Cpu { get; init; }

    /// <summary>Task-level memory in MiB, as a string ("1 GB" converted to "1024").</summary>
    [JsonPropertyName("memory")]
    public string? Memory { get; init; }
}
