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
    string? KeyName);
