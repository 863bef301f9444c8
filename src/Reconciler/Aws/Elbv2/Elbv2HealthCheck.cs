namespace Reconciler.Aws.Elbv2;

/// <summary>The health check settings of a target group that the spec controls.</summary>
internal sealed record Elbv2HealthCheck(string Path, string SuccessCodes, int IntervalSeconds, int HealthyThreshold, int UnhealthyThreshold);
