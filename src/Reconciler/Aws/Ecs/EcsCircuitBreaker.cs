using System.Text.Json.Serialization;

namespace Reconciler.Aws.Ecs;

internal sealed record EcsCircuitBreaker([property: JsonPropertyName("enable")] bool Enable, [property: JsonPropertyName("rollback")] bool Rollback);
