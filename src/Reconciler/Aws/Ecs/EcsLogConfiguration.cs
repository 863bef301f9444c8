using System.Text.Json.Serialization;

namespace Reconciler.Aws.Ecs;

internal sealed record EcsLogConfiguration(
    [property: JsonPropertyName("logDriver")] string LogDriver,
    [property: JsonPropertyName("options")] Dictionary<string, string>? Options);
