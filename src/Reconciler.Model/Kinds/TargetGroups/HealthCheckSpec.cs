using Reconciler.Model.Loading;

namespace Reconciler.Model.Kinds;

internal sealed record HealthCheckSpec(string Path, string SuccessCodes, int IntervalSeconds, int HealthyThreshold, int UnhealthyThreshold, int? TimeoutSeconds = null)
{
    /// <summary>ELBv2's defaults for an HTTP target group of the instance type, except 5 healthy probes.</summary>
    public static HealthCheckSpec Default { get; } = new("/", "200", 30, 5, 2);

    /// <summary>
    /// The timeout the target group gets: the spec's, else AWS's own default for the protocol, so that a target group
    /// created without one shows no drift. CreateTargetGroup HealthCheckTimeoutSeconds (ELBv2 API reference): "The range
    /// is 2-120 seconds. For target groups with a protocol of HTTP, the default is 6 seconds. For target groups with a
    /// protocol of TCP, TLS or HTTPS, the default is 10 seconds."
    /// </summary>
    public int TimeoutFor(string protocol) => TimeoutSeconds ?? (protocol == "HTTPS" ? 10 : 6);

    /// <summary>Reads a target group's <c>healthCheck</c>; ranges as CreateTargetGroup accepts them (ELBv2 API reference).</summary>
    public static HealthCheckSpec Bind(MappingReader h) => new(
        h.String("path") ?? Default.Path,
        h.String("successCodes") ?? Default.SuccessCodes,
        h.Int("intervalSeconds", min: 5, max: 300) ?? Default.IntervalSeconds,
        h.Int("healthyThreshold", min: 2, max: 10) ?? Default.HealthyThreshold,
        h.Int("unhealthyThreshold", min: 2, max: 10) ?? Default.UnhealthyThreshold,
        h.Int("timeoutSeconds", min: 2, max: 120));
}
