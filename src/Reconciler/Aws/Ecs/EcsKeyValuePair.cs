using System.Text.Json.Serialization;

namespace Reconciler.Aws.Ecs;

/// <summary>An environment variable of a container.</summary>
internal sealed record EcsKeyValuePair([property: JsonPropertyName("name")] string Name, [property: JsonPropertyName("value")] string? Value);
