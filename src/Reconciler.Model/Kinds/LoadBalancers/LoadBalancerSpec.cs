using Reconciler.Model.Loading;

namespace Reconciler.Model.Kinds;

internal sealed record LoadBalancerSpec(
    string Name,
    string Scheme,
    IReadOnlyList<string> Subnets,
    IReadOnlyList<string> SecurityGroups,
    IReadOnlyList<ListenerSpec> Listeners,
    IReadOnlyList<TargetGroupSpec> TargetGroups,
    string? AwsName = null)
{
    /// <summary>Reads one entry of <c>loadBalancers</c>, with its listeners and target groups.</summary>
    public static LoadBalancerSpec Bind(MappingReader r) => new(
        Name: r.Required("name"),
        Scheme: r.Choice("scheme", ["internet-facing", "internal"]) ?? "internet-facing",
        Subnets: r.StringList("subnets", required: true),
        SecurityGroups: r.StringList("securityGroups"),
        Listeners: r.Objects("listeners", ListenerSpec.Bind),
        TargetGroups: r.Objects("targetGroups", TargetGroupSpec.Bind),
        AwsName: r.String("awsName"));
}
