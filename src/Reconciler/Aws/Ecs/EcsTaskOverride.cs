using System.Text.Json.Serialization;

namespace Reconciler.Aws.Ecs;

internal sealed record EcsTaskOverride([property: JsonPropertyName("containerOverrides")] List<EcsContainerOverride> ContainerOverrides);
