namespace Reconciler.Model.Kinds;

internal sealed record ContainerSpec(
    string Name,
    ImageSpec Image,
    int? Memory,
    int? MemoryReservation,
    int? Cpu,
    bool Essential,
    IReadOnlyList<PortMappingSpec> PortMappings,
    IReadOnlyDictionary<string, string> Environment,
    IReadOnlyDictionary<string, string> Secrets,
    ContainerLogsSpec? Logs,
    IReadOnlyList<string> Command)
{
    /// <summary>Environment values taken from other resources of the environment (the literal ones are in <see cref="Environment"/>).</summary>
    public IReadOnlyDictionary<string, ResourceValueSpec> EnvironmentFrom { get; init; } = new Dictionary<string, ResourceValueSpec>(StringComparer.Ordinal);

    /// <summary>Secrets taken from a database's managed secret (the literal ARNs and names are in <see cref="Secrets"/>).</summary>
    public IReadOnlyDictionary<string, DatabaseSecretSpec> SecretsFrom { get; init; } = new Dictionary<string, DatabaseSecretSpec>(StringComparer.Ordinal);
}
