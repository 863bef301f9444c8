using System.Text.Json.Serialization;

namespace Reconciler.Aws.Ecs;

internal sealed record EcsDeploymentConfiguration([property: JsonPropertyName("deploymentCircuitBreaker")] EcsCircuitBreaker? DeploymentCircuitBreaker);
