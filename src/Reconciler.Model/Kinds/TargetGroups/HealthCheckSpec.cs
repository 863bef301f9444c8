using Reconciler.Model.Loading;

namespace Reconciler.Model.Kinds;

internal sealed record HealthCheckSpec(string Path, string SuccessCodes, int IntervalSeconds, int HealthyThreshold, int UnhealthyThreshold)
{
    /// <summary>ELBv2's defaults for an HTTP target group of the instance type, except 5 healthy probes.</summary>
    public static HealthCheckSpec Default { get; } = new("/", "200", 30, 5, 2);

    /// <summary>Reads a target group's <c>healthCheck</c>; ranges as CreateTargetGroup accepts them (ELBv2 API reference).</summary>
    public static HealthCheckSpec Bind(MappingReader h) => new(
        h.String("path") ?? Default.Path,
        h.String("successCodes") ?? Default.SuccessCodes,
        h.Int("intervalSeconds", min: 5, max: 300) ?? Default.IntervalSeconds,
        h.Int("healthyThreshold", min: 2, max: 10) ?? Default.HealthyThreshold,
        h.Int("unhealthyThreshold", min: 2, max: 10) ?? Default.UnhealthyThreshold);
}
