using System.Text.Json.Serialization;

namespace Reconciler.Aws.Ecs;

/// <summary>A deployment of a service; the PRIMARY one carries the rollout state.</summary>
internal sealed record EcsDeployment(
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("taskDefinition")] string? TaskDefinition,
    [property: JsonPropertyName("rolloutState")] string? RolloutState,
    [property: JsonPropertyName("rolloutStateReason")] string? RolloutStateReason);
