using System.Text.Json.Serialization;

namespace Reconciler.Aws.Ecs;

/// <summary>A task as RunTask and DescribeTasks report it (the members we read).</summary>
internal sealed record EcsTask(
    [property: JsonPropertyName("taskArn")] string TaskArn,
    [property: JsonPropertyName("taskDefinitionArn")] string? TaskDefinitionArn,
    [property: JsonPropertyName("group")] string? Group,
    [property: JsonPropertyName("startedBy")] string? StartedBy,
    [property: JsonPropertyName("lastStatus")] string? LastStatus,
    [property: JsonPropertyName("stoppedReason")] string? StoppedReason,
    [property: JsonPropertyName("containers")] List<EcsTaskContainer>? Containers,
    [property: JsonPropertyName("tags")] List<EcsTag>? Tags);
