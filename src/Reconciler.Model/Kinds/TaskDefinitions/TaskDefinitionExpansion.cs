using Reconciler.Model.Graph;
using K = Reconciler.Model.Kinds.TaskDefinitionKind;

namespace Reconciler.Model.Kinds;

/// <summary>
/// A task definition in the canonical form the ECS provider observes: every container field is present (an absent
/// optional one is the empty string, cpu defaults to 0 as ECS fills it in), so that removing a field from the spec is
/// a change, and a converged revision shows no diff. Host ports default to the container port where ECS does so
/// itself (awsvpc and host network modes). Compound values are records (<see cref="PortMapping"/>,
/// <see cref="EnvironmentVariable"/>, <see cref="ContainerSecret"/>, <see cref="ContainerCommand"/>, <see cref="ContainerLogs"/>).
/// </summary>
internal static class TaskDefinitionExpansion
{
    public static void Add(GraphContext ctx, TaskDefinitionSpec td)
    {
        var properties = new List<(string, FieldValue)>
        {
            (K.Family, FieldValue.Of(ctx.Physical(K.Kind, td.Family))),
            (K.NetworkMode, FieldValue.Of(td.NetworkMode)),
            (K.ExecutionRole, FieldValue.Of(td.ExecutionRole is not null || td.OwnExecutionRole ? ExecutionRoleExpansion.Reference(td, "arn") : string.Empty)),
            (K.TaskRole, FieldValue.Of(td.TaskRole ?? string.Empty)),
            (K.Containers, FieldValue.SetOf(td.Containers.Select(c => c.Name))),
            (K.Cpu, td.Cpu is { } taskCpu ? FieldValue.Of(taskCpu) : FieldValue.Of(string.Empty)),
            (K.Memory, td.Memory is { } taskMemory ? FieldValue.Of(taskMemory) : FieldValue.Of(string.Empty)),
        };
        var hostPortIsContainerPort = td.NetworkMode is "awsvpc" or "host";
        foreach (var c in td.Containers)
        {
            string Field(string field) => K.Container(c.Name, field);
            var image = c.Image.Reference ?? $"{GraphContext.Ref(ResourceKinds.EcrRepository, c.Image.Repository ?? string.Empty, "uri")}:{c.Image.Tag}";
            properties.Add((Field(K.Image), FieldValue.Of(image)));
            properties.Add((Field(K.Essential), FieldValue.Of(c.Essential)));
            properties.Add((Field(K.ContainerMemory), c.Memory is { } memory ? FieldValue.Of(memory) : FieldValue.Of(string.Empty)));
            properties.Add((Field(K.MemoryReservation), c.MemoryReservation is { } soft ? FieldValue.Of(soft) : FieldValue.Of(string.Empty)));
            properties.Add((Field(K.ContainerCpu), FieldValue.Of(c.Cpu ?? 0)));
            properties.Add((Field(K.PortMappings), FieldValue.ItemsOf(c.PortMappings.Select(p =>
                new PortMapping(p.HostPort == 0 && hostPortIsContainerPort ? p.ContainerPort : p.HostPort, p.ContainerPort, p.Protocol)))));
            // Values of other resources are references: the task definition depends on those resources (and waits
            // for a database to be usable), and is registered with their live values.
            properties.Add((Field(K.Environment), FieldValue.ItemsOf(c.Environment.Select(e => new EnvironmentVariable(e.Key, e.Value))
                .Concat(c.EnvironmentFrom.Select(e => new EnvironmentVariable(e.Key, ContainerValues.Reference(e.Value)))))));
            properties.Add((Field(K.Secrets), FieldValue.ItemsOf(c.Secrets.Select(e => new ContainerSecret(e.Key, e.Value))
                .Concat(c.SecretsFrom.Select(e => new ContainerSecret(e.Key, ContainerValues.Reference(e.Value)))))));
            properties.Add((Field(K.Command), c.Command.Count == 0 ? FieldValue.Of(string.Empty) : FieldValue.Of(new ContainerCommand(c.Command))));
            properties.Add((Field(K.Logs), c.Logs is { } logs
                ? FieldValue.Of(new ContainerLogs(GraphContext.Ref(ResourceKinds.LogGroup, logs.Group.TrimStart('/'), "name"), logs.StreamPrefix))
                : FieldValue.Of(string.Empty)));
        }

        ctx.Add(K.Kind, td.Family, properties);
    }
}
