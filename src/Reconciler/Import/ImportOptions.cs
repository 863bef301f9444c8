namespace Reconciler.Import;

/// <summary>
/// What <c>reconciler import</c> was asked: the region, exactly one starting point (a VPC id, a cluster name or a load
/// balancer name), the environment name of the generated spec, and the spec sections to keep (empty: all) or drop.
/// </summary>
internal sealed record ImportOptions(
    string Region,
    string Environment,
    string? VpcId,
    string? Cluster,
    string? LoadBalancer,
    IReadOnlyCollection<string> Include,
    IReadOnlyCollection<string> Exclude)
{
    /// <summary>The sections of a spec, in the order samples/environment.yaml writes them: what --include/--exclude name.</summary>
    public static IReadOnlyList<string> Sections { get; } =
    [
        "network", "securityGroups", "databases", "hosts", "dns", "certificates", "loadBalancers",
        "repositories", "logGroups", "clusters", "taskDefinitions", "services",
    ];

    public bool Wants(string section) =>
        (Include.Count == 0 || Include.Contains(section, StringComparer.Ordinal)) && !Exclude.Contains(section, StringComparer.Ordinal);
}
