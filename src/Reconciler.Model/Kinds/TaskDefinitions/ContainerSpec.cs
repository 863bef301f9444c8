using Reconciler.Model.Loading;

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

    /// <summary>Reads one entry of <c>containers</c>, with its defaults (essential, no command, no logs).</summary>
    public static ContainerSpec Bind(MappingReader r)
    {
        var (environment, environmentFrom) = ContainerValueReader.Environment(r);
        var (secrets, secretsFrom) = ContainerValueReader.Secrets(r);
        return new ContainerSpec(
            Name: r.Required("name"),
            Image: ImageSpec.Bind(r),
            Memory: r.Int("memory", min: 4, max: 1_000_000),
            MemoryReservation: r.Int("memoryReservation", min: 4, max: 1_000_000),
            Cpu: r.Int("cpu", min: 0, max: 1_000_000),
            Essential: r.Bool("essential") ?? true,
            PortMappings: r.Objects("portMappings", PortMappingSpec.Bind),
            Environment: environment,
            Secrets: secrets,
            Logs: r.Object("logs", ContainerLogsSpec.Bind),
            Command: r.StringList("command"))
        {
            EnvironmentFrom = environmentFrom,
            SecretsFrom = secretsFrom,
        };
    }
}
