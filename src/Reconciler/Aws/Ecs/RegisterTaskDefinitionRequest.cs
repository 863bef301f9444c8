using System.Text.Json.Serialization;

namespace Reconciler.Aws.Ecs;

/// <summary>A new revision of a family, its tags set in the same call.</summary>
internal sealed record RegisterTaskDefinitionRequest(
    [property: JsonPropertyName("family")] string Family,
    [property: JsonPropertyName("networkMode")] string NetworkMode,
    [property: JsonPropertyName("executionRoleArn")] string? ExecutionRoleArn,
    [property: JsonPropertyName("taskRoleArn")] string? TaskRoleArn,
    [property: JsonPropertyName("containerDefinitions")] List<EcsContainerDefinition> ContainerDefinitions,
    [property: JsonPropertyName("tags")] List<EcsTag> Tags)
{
    /// <summary>Task-level CPU units, as the string the API takes ("1024"); null: not set.</summary>
    [JsonPropertyName("cpu")]
    public string? Cpu { get; init; }

    /// <summary>Task-level memory in MiB, as the string the API takes ("768"); null: not set.</summary>
    [JsonPropertyName("memory")]
    public string? Memory { get; init; }
}
