namespace Reconciler.Model.Kinds;

internal sealed record TaskDefinitionSpec(
    string Family,
    string? ExecutionRole,
    string? TaskRole,
    string NetworkMode,
    IReadOnlyList<ContainerSpec> Containers,
    int? Cpu = null,
    int? Memory = null);
