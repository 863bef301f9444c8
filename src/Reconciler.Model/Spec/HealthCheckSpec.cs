namespace Reconciler.Model.Spec;

internal sealed record HealthCheckSpec(string Path, string SuccessCodes, int IntervalSeconds, int HealthyThreshold, int UnhealthyThreshold)
{
    public static HealthCheckSpec Default { get; } = new("/", "200", 30, 5, 2);
}
