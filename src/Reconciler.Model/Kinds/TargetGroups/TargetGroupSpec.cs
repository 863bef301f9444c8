using Reconciler.Model.Loading;

namespace Reconciler.Model.Kinds;

internal sealed record TargetGroupSpec(string Name, string Protocol, int Port, string TargetType, HealthCheckSpec HealthCheck, string? AwsName = null)
{
    /// <summary>Reads one entry of <c>targetGroups</c>, with its defaults.</summary>
    public static TargetGroupSpec Bind(MappingReader r) => new(
        r.Required("name"),
        r.Choice("protocol", ["HTTP", "HTTPS"]) ?? "HTTP",
        r.Int("port", required: true, min: 1, max: 65535) ?? 0,
        r.Choice("targetType", ["instance", "ip"]) ?? "instance",
        r.Object("healthCheck", HealthCheckSpec.Bind) ?? HealthCheckSpec.Default,
        r.String("awsName"));
}
