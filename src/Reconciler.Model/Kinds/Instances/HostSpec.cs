using Reconciler.Model.Loading;

namespace Reconciler.Model.Kinds;

internal sealed record HostSpec(
    string Name,
    int Count,
    string Image,
    string InstanceType,
    IReadOnlyList<string> Subnets,
    IReadOnlyList<string> SecurityGroups,
    bool ElasticIp,
    string? InstanceProfile,
    string? Cluster,
    string? KeyName)
{
    /// <summary>Reads one entry of <c>hosts</c>: one host of AWS's recommended ECS-optimized image unless told otherwise.</summary>
    public static HostSpec Bind(MappingReader r) => new(
        Name: r.Required("name"),
        Count: r.Int("count", min: 0, max: 100) ?? 1,
        Image: r.String("image") ?? InstanceKind.EcsOptimized,
        InstanceType: r.Required("instanceType"),
        Subnets: r.StringList("subnets", required: true),
        SecurityGroups: r.StringList("securityGroups"),
        ElasticIp: r.Bool("elasticIp") ?? false,
        InstanceProfile: r.String("instanceProfile"),
        Cluster: r.String("cluster"),
        KeyName: r.String("keyName"));
}
