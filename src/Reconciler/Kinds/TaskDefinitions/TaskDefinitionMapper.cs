using System.Globalization;
using Reconciler.Aws.Ecs;
using Reconciler.Model.Graph;
using Reconciler.Providers;
using K = Reconciler.Model.Kinds.TaskDefinitionKind;

namespace Reconciler.Kinds;

/// <summary>
/// Task definitions between the graph's canonical properties and ECS. Observing normalises what ECS fills in, so that a
/// revision registered from the spec shows no diff: task-level cpu and memory as integer text, container cpu 0, essential true, hostPort 0 and protocol tcp when absent,
/// empty lists, the <c>awslogs-region</c> option we add ourselves, the default network mode (bridge), and members the
/// spec never sets (volumes, mountPoints, volumesFrom, placement constraints, compatibilities), which are not read at all.
/// Compound values are the same records both ways (<see cref="PortMapping"/>, <see cref="EnvironmentVariable"/>,
/// <see cref="ContainerSecret"/>, <see cref="ContainerCommand"/>, <see cref="ContainerLogs"/>): nothing is parsed.
/// </summary>
internal static class TaskDefinitionMapper
{
    public const string AwsLogs = "awslogs";

    /// <param name="desired">The spec's task definition of this family, if any: a task role it names by name is observed by name.</param>
    public static IEnumerable<(string Key, FieldValue Value)> Properties(EcsTaskDefinition td, DesiredResource? desired = null)
    {
        var containers = td.ContainerDefinitions ?? [];
        yield return (K.Family, FieldValue.Of(td.Family));
        yield return (K.NetworkMode, FieldValue.Of(td.NetworkMode ?? "bridge"));
        // The execution role is always sent as the ARN its reference resolves to, and ECS answers that ARN.
        yield return (K.ExecutionRole, FieldValue.Of(td.ExecutionRoleArn ?? string.Empty));
        yield return (K.TaskRole, FieldValue.Of(TaskRole(td.TaskRoleArn, desired?.Get(K.TaskRole))));
        yield return (K.Containers, FieldValue.SetOf(containers.Select(c => c.Name)));
        yield return (K.Cpu, FieldValue.Of(TaskSize(td.Cpu)));
        yield return (K.Memory, FieldValue.Of(TaskSize(td.Memory)));
        foreach (var c in containers)
        {
            string Field(string field) => K.Container(c.Name, field);
            yield return (Field(K.Image), FieldValue.Of(c.Image));
            yield return (Field(K.Essential), FieldValue.Of(c.Essential ?? true));
            yield return (Field(K.ContainerMemory), Optional(c.Memory));
            yield return (Field(K.MemoryReservation), Optional(c.MemoryReservation));
            yield return (Field(K.ContainerCpu), FieldValue.Of(c.Cpu ?? 0));
            yield return (Field(K.PortMappings), FieldValue.ItemsOf((c.PortMappings ?? []).Select(p => new PortMapping(p.HostPort ?? 0, p.ContainerPort, p.Protocol ?? "tcp"))));
            yield return (Field(K.Environment), FieldValue.ItemsOf((c.Environment ?? []).Select(e => new EnvironmentVariable(e.Name, e.Value ?? string.Empty))));
            yield return (Field(K.Secrets), FieldValue.ItemsOf((c.Secrets ?? []).Select(e => new ContainerSecret(e.Name, e.ValueFrom))));
            yield return (Field(K.Command), c.Command is { Count: > 0 } command ? FieldValue.Of(new ContainerCommand(command)) : FieldValue.Of(string.Empty));
            yield return (Field(K.Logs), Logs(c.LogConfiguration) is { } logs ? FieldValue.Of(logs) : FieldValue.Of(string.Empty));
        }
    }

    /// <summary>The registration request for the desired revision; the log configuration names this region.</summary>
    public static RegisterTaskDefinitionRequest Request(ResolvedResource desired, string region)
    {
        var containers = desired.Set(K.Containers).Select(name =>
        {
            string Field(string field) => K.Container(name, field);
            return new EcsContainerDefinition(
                name,
                desired.Get(Field(K.Image)),
                desired.Int(Field(K.ContainerCpu)),
                OptionalInt(desired.Get(Field(K.ContainerMemory))),
                OptionalInt(desired.Get(Field(K.MemoryReservation))),
                desired.Get(Field(K.Essential)) == "true",
                desired.Items<PortMapping>(Field(K.PortMappings)).Select(p => new EcsPortMapping(p.ContainerPort, p.HostPort, p.Protocol)).ToList(),
                desired.Items<EnvironmentVariable>(Field(K.Environment)).Select(e => new EcsKeyValuePair(e.Name, e.Value)).ToList(),
                desired.Items<ContainerSecret>(Field(K.Secrets)).Select(s => new EcsSecret(s.Name, s.ValueFrom)).ToList(),
                Optional<ContainerCommand>(desired, Field(K.Command)) is { } command ? [.. command.Arguments] : null,
                LogConfiguration(Optional<ContainerLogs>(desired, Field(K.Logs)), region));
        }).ToList();
        return new RegisterTaskDefinitionRequest(
            desired.Get(K.Family),
            desired.Get(K.NetworkMode),
            Empty(desired.Get(K.ExecutionRole)),
            Empty(desired.Get(K.TaskRole)),
            containers,
            EcsTag.From(desired.Tags))
        {
            Cpu = Empty(desired.Find(K.Cpu) ?? string.Empty),
            Memory = Empty(desired.Find(K.Memory) ?? string.Empty),
        };
    }

    /// <summary>
    /// Task-level cpu or memory as observed: ECS converts "1 vCPU" / "1 GB" to integer strings at registration (API
    /// reference of TaskDefinition.cpu and memory), and the spec gives integers, so the integer text is compared; absent
    /// is the empty string.
    /// </summary>
    public static string TaskSize(string? observed) =>
        int.TryParse(observed, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value.ToString(CultureInfo.InvariantCulture) : observed ?? string.Empty;

    /// <summary>
    /// The task role as observed, in the form the spec wrote it. The spec may name it by name (the API reference of
    /// taskRoleArn: "The short name or full Amazon Resource Name (ARN)"); ECS answers the full ARN
    /// <c>arn:PARTITION:iam::ACCOUNT:role/PATH/NAME</c> whatever it was sent (aws/copilot-cli#2887: the same drift in
    /// CloudFormation). So when the spec gives a plain name, the ARN is compared by the role name; an ARN in the spec
    /// is compared whole. (The execution role needs none of this: it is always sent as an ARN.)
    /// </summary>
    public static string TaskRole(string? observed, string? desired)
    {
        if (string.IsNullOrEmpty(observed))
        {
            return string.Empty;
        }

        var byName = desired is { Length: > 0 } d && !d.StartsWith("arn:", StringComparison.Ordinal);
        return byName ? RoleNames.FromNameOrArn(observed) : observed;
    }

    /// <summary>An optional compound field: null when the graph holds the empty string for "none".</summary>
    private static T? Optional<T>(ResolvedResource desired, string field)
        where T : GraphItem
    {
        var item = FieldValue.ItemIn<T>(desired.Properties, field);
        return item is { IsUnresolved: true } ? throw new InvalidOperationException($"{desired.LogicalId}.{field} refers to a resource that does not exist yet") : item;
    }

    private static FieldValue Optional(int? value) => value is { } v ? FieldValue.Of(v) : FieldValue.Of(string.Empty);

    private static int? OptionalInt(string value) => value.Length == 0 ? null : int.Parse(value, CultureInfo.InvariantCulture);

    private static string? Empty(string value) => value.Length == 0 ? null : value;

    private static ContainerLogs? Logs(EcsLogConfiguration? logs) =>
        logs is { LogDriver: AwsLogs, Options: { } options }
            ? new ContainerLogs(options.GetValueOrDefault("awslogs-group") ?? string.Empty, options.GetValueOrDefault("awslogs-stream-prefix") ?? string.Empty)
            : null;

    private static EcsLogConfiguration? LogConfiguration(ContainerLogs? logs, string region) =>
        logs is null
            ? null
            : new EcsLogConfiguration(AwsLogs, new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["awslogs-group"] = logs.Group,
                ["awslogs-stream-prefix"] = logs.StreamPrefix,
                ["awslogs-region"] = region,
            });
}
