using System.Text.Json.Serialization;

namespace Reconciler.Aws.Ecs;

/// <summary>A secret of a container: its value comes from Secrets Manager or SSM at task start, never from the spec.</summary>
internal sealed record EcsSecret([property: JsonPropertyName("name")] string Name, [property: JsonPropertyName("valueFrom")] string ValueFrom);
