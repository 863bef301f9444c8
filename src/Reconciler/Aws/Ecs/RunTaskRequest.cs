using System.Text.Json.Serialization;

namespace Reconciler.Aws.Ecs;

/// <summary>One task of a revision, its command overridden, marked with who started it and the group that finds it again.</summary>
internal sealed record RunTaskRequest(
    [property: JsonPropertyName("cluster")] string Cluster,
    [property: JsonPropertyName("taskDefinition")] string TaskDefinition,
    [property: JsonPropertyName("launchType")] string LaunchType,
    [property: JsonPropertyName("startedBy")] string StartedBy,
    [property: JsonPropertyName("group")] string Group,
    [property: JsonPropertyName("overrides")] EcsTaskOverride Overrides,
    [property: JsonPropertyName("tags")] List<EcsTag> Tags,
    [property: JsonPropertyName("clientToken")] string? ClientToken = null,
    [property: JsonPropertyName("count")] int Count = 1);
