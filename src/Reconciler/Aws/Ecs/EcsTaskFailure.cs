using System.Text.Json.Serialization;

namespace Reconciler.Aws.Ecs;

/// <summary>Why RunTask could not place a task (RESOURCE:MEMORY, ...).</summary>
internal sealed record EcsTaskFailure(
    [property: JsonPropertyName("arn")] string? Arn,
    [property: JsonPropertyName("reason")] string? Reason,
    [property: JsonPropertyName("detail")] string? Detail);
