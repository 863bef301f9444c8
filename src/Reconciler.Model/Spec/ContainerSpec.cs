namespace Reconciler.Model.Spec;

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
    IReadOnlyList<string> Command);
