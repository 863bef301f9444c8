using System.Text.Json.Serialization;

namespace Reconciler.Aws.Ecs;

/// <summary>A container of a task; <see cref="ExitCode"/> is known once it has stopped after running.</summary>
internal sealed record EcsTaskContainer(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("lastStatus")] string? LastStatus,
    [property: JsonPropertyName("exitCode")] int? ExitCode,
    [property: JsonPropertyName("reason")] string? Reason);
