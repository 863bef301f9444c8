namespace Reconciler.Model.Spec;

internal sealed record TargetGroupSpec(string Name, string Protocol, int Port, string TargetType, HealthCheckSpec HealthCheck);
