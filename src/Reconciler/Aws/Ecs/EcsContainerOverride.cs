using System.Text.Json.Serialization;

namespace Reconciler.Aws.Ecs;

/// <summary>The command that replaces a container's own for one task.</summary>
internal sealed record EcsContainerOverride(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("command")] List<string> Command);
