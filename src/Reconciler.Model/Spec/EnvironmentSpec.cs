namespace Reconciler.Model.Spec;

/// <summary>The body of an environment. Names inside it are logical; physical names derive from them.</summary>
internal sealed record EnvironmentSpec(
    string Region,
    EnvironmentMode Mode,
    bool Prune,
    IReadOnlyDictionary<string, string> Tags,
    NetworkSpec? Network,
    IReadOnlyList<SecurityGroupSpec> SecurityGroups,
    IReadOnlyList<DatabaseSpec> Databases,
    IReadOnlyList<HostSpec> Hosts,
    DnsSpec? Dns,
    IReadOnlyList<CertificateSpec> Certificates,
    IReadOnlyList<LoadBalancerSpec> LoadBalancers,
    IReadOnlyList<RepositorySpec> Repositories,
    IReadOnlyList<LogGroupSpec> LogGroups,
    IReadOnlyList<ClusterSpec> Clusters,
    IReadOnlyList<TaskDefinitionSpec> TaskDefinitions,
    IReadOnlyList<ServiceSpec> Services,
    IReadOnlyList<BucketSpec> Buckets)
{
    /// <summary>
    /// How long the controller waits, after this spec's file is seen gone, before it prunes the environment (null: the
    /// controller's --prune-grace). The value in force when the file goes is the one used.
    /// </summary>
    public TimeSpan? PruneGrace { get; init; }

    /// <summary>The account the environment lives in and how to reach it (null: the caller's own credentials, unchecked).</summary>
    public AccountSpec? Account { get; init; }
}
