using Reconciler.Model.Graph;

namespace Reconciler.Model.Kinds;

/// <summary>
/// The target-group kind: its fields (the property names the expansion writes and the provider reads) and what
/// forces a replacement. Name, VPC, protocol, port and target type are fixed by CreateTargetGroup; the health check
/// changes in place with ModifyTargetGroup (ELBv2 API reference).
/// </summary>
internal static class TargetGroupKind
{
    public const string Name = "name";
    public const string Vpc = "vpc";
    public const string Protocol = "protocol";
    public const string Port = "port";
    public const string TargetType = "targetType";
    public const string HealthCheckPath = "healthCheckPath";
    public const string HealthCheckSuccessCodes = "healthCheckSuccessCodes";
    public const string HealthCheckIntervalSeconds = "healthCheckIntervalSeconds";
    public const string HealthyThreshold = "healthyThreshold";
    public const string UnhealthyThreshold = "unhealthyThreshold";
    public const string HealthCheckTimeoutSeconds = "healthCheckTimeoutSeconds";

    /// <summary>The fields ModifyTargetGroup changes: one call for any of them.</summary>
    public static IReadOnlyList<string> HealthCheckFields { get; } =
        [HealthCheckPath, HealthCheckSuccessCodes, HealthCheckIntervalSeconds, HealthyThreshold, UnhealthyThreshold, HealthCheckTimeoutSeconds];

    public static ResourceKind Kind { get; } = ResourceKind.Define("target-group", 30,
        "An ALB target group (`spec.loadBalancers[].targetGroups[]`), named `<environment>-<name>`; the AWS id is its ARN.",
        [
            new(Name, "`<environment>-<name>`, or the entry's `awsName` as given", ForcesReplacement: true),
            new(Vpc, "the environment's VPC", ForcesReplacement: true),
            new(Protocol, "HTTP or HTTPS", ForcesReplacement: true),
            new(Port, "the port targets receive traffic on", ForcesReplacement: true),
            new(TargetType, "instance or ip", ForcesReplacement: true),
            new(HealthCheckPath, "the HTTP path probed"),
            new(HealthCheckSuccessCodes, "HTTP codes counted as healthy"),
            new(HealthCheckIntervalSeconds, "seconds between probes"),
            new(HealthyThreshold, "successes before a target is healthy"),
            new(UnhealthyThreshold, "failures before a target is unhealthy"),
            new(HealthCheckTimeoutSeconds, "seconds without an answer that fail a probe (AWS's default for the protocol when not given)"),
        ]);
}
