using System.Globalization;
using System.Text.Json;
using Reconciler.Aws.Ecs;
using Reconciler.Model.Graph;
using Reconciler.Providers;
using Reconciler.Providers.Ecs;

namespace Reconciler.Kinds;

/// <summary>
/// Task definitions between the graph's canonical properties and ECS. Observing normalises what ECS fills in, so that a
/// revision registered from the spec shows no diff: task-level cpu and memory as integer text, container cpu 0, essential true, hostPort 0 and protocol tcp when absent,
/// empty lists, the <c>awslogs-region</c> option we add ourselves, the default network mode (bridge), and members the
/// spec never sets (volumes, mountPoints, volumesFrom, placement constraints, compatibilities), which are not read at all.
/// </summary>
internal static class TaskDefinitionMapper
{
    public const string AwsLogs = "awslogs";

    /// <param name="desired">The spec's task definition of this family, if any: a role it names by name is observed by name.</param>
    public static IEnumerable<(string Key, FieldValue Value)> Properties(EcsTaskDefinition td, DesiredResource? desired = null)
    {
        var containers = td.ContainerDefinitions ?? [];
        yield return ("family", FieldValue.Of(td.Family));
        yield return ("networkMode", FieldValue.Of(td.NetworkMode ?? "bridge"));
        yield return ("executionRole", FieldValue.Of(Role(td.ExecutionRoleArn, desired?.Get("executionRole"))));
        yield return ("taskRole", FieldValue.Of(Role(td.TaskRoleArn, desired?.Get("taskRole"))));
        yield return ("containers", FieldValue.SetOf(containers.Select(c => c.Name)));
        yield return ("cpu", FieldValue.Of(TaskSize(td.Cpu)));
        yield return ("memory", FieldValue.Of(TaskSize(td.Memory)));
        foreach (var c in containers)
        {
            var prefix = $"containers.{c.Name}.";
            yield return (prefix + "image", FieldValue.Of(c.Image));
            yield return (prefix + "essential", FieldValue.Of(c.Essential ?? true));
            yield return (prefix + "memory", Optional(c.Memory));
            yield return (prefix + "memoryReservation", Optional(c.MemoryReservation));
            yield return (prefix + "cpu", FieldValue.Of(c.Cpu ?? 0));
            yield return (prefix + "portMappings", FieldValue.SetOf((c.PortMappings ?? []).Select(p => $"{p.HostPort ?? 0}:{p.ContainerPort}/{p.Protocol ?? "tcp"}")));
            yield return (prefix + "environment", FieldValue.SetOf((c.Environment ?? []).Select(e => $"{e.Name}={e.Value}")));
            yield return (prefix + "secrets", FieldValue.SetOf((c.Secrets ?? []).Select(e => $"{e.Name}={e.ValueFrom}")));
            yield return (prefix + "command", FieldValue.Of(c.Command is { Count: > 0 } command ? JsonSerializer.Serialize(command) : string.Empty));
            yield return (prefix + "logs", FieldValue.Of(Logs(c.LogConfiguration)));
        }
    }

    /// <summary>The registration request for the desired revision; the log configuration names this region.</summary>
    public static RegisterTaskDefinitionRequest Request(ResolvedResource desired, string region)
    {
        var containers = desired.Set("containers").Select(name =>
        {
            var prefix = $"containers.{name}.";
            var command = desired.Get(prefix + "command");
            return new EcsContainerDefinition(
                name,
                desired.Get(prefix + "image"),
                desired.Int(prefix + "cpu"),
                OptionalInt(desired.Get(prefix + "memory")),
                OptionalInt(desired.Get(prefix + "memoryReservation")),
                desired.Get(prefix + "essential") == "true",
                desired.Set(prefix + "portMappings").Select(PortMapping).ToList(),
                desired.Set(prefix + "environment").Select(Split).Select(kv => new EcsKeyValuePair(kv.Key, kv.Value)).ToList(),
                desired.Set(prefix + "secrets").Select(Split).Select(kv => new EcsSecret(kv.Key, kv.Value)).ToList(),
                command.Length == 0 ? null : JsonSerializer.Deserialize<List<string>>(command),
                LogConfiguration(desired.Get(prefix + "logs"), region));
        }).ToList();
        return new RegisterTaskDefinitionRequest(
            desired.Get("family"),
            desired.Get("networkMode"),
            Empty(desired.Get("executionRole")),
            Empty(desired.Get("taskRole")),
            containers,
            EcsTag.From(desired.Tags))
        {
            Cpu = Empty(desired.Find("cpu") ?? string.Empty),
            Memory = Empty(desired.Find("memory") ?? string.Empty),
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
    /// A role as observed, in the form the spec wrote it. The spec may name a role by name (the API reference of
    /// taskRoleArn: "The short name or full Amazon Resource Name (ARN)"); ECS answers the full ARN
    /// <c>arn:PARTITION:iam::ACCOUNT:role/PATH/NAME</c> whatever it was sent (aws/copilot-cli#2887: the same drift in
    /// CloudFormation). So when the spec gives a plain name, the ARN is compared by its last segment, the role name
    /// (role names have no '/'); an ARN in the spec, or a reference resolved to one, is compared whole.
    /// </summary>
    public static string Role(string? observed, string? desired)
    {
        if (string.IsNullOrEmpty(observed))
        {
            return string.Empty;
        }

        var byName = desired is { Length: > 0 } d && !d.StartsWith("arn:", StringComparison.Ordinal) && !d.Contains("${", StringComparison.Ordinal);
        return byName && observed.StartsWith("arn:", StringComparison.Ordinal) && observed.Contains(":role/", StringComparison.Ordinal)
            ? observed[(observed.LastIndexOf('/') + 1)..]
            : observed;
    }

    private static FieldValue Optional(int? value) => value is { } v ? FieldValue.Of(v) : FieldValue.Of(string.Empty);

    private static int? OptionalInt(string value) => value.Length == 0 ? null : int.Parse(value, CultureInfo.InvariantCulture);

    private static string? Empty(string value) => value.Length == 0 ? null : value;

    private static string Logs(EcsLogConfiguration? logs) =>
        logs is { LogDriver: AwsLogs, Options: { } options }
            ? $"{options.GetValueOrDefault("awslogs-group")}|{options.GetValueOrDefault("awslogs-stream-prefix")}"
            : string.Empty;

    private static EcsLogConfiguration? LogConfiguration(string logs, string region)
    {
        if (logs.Length == 0)
        {
            return null;
        }

        var bar = logs.LastIndexOf('|');
        return new EcsLogConfiguration(AwsLogs, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["awslogs-group"] = logs[..bar],
            ["awslogs-stream-prefix"] = logs[(bar + 1)..],
            ["awslogs-region"] = region,
        });
    }

    /// <summary><c>80:8000/tcp</c> to host port, container port and protocol.</summary>
    private static EcsPortMapping PortMapping(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        return new EcsPortMapping(
            int.Parse(text[(colon + 1)..slash], CultureInfo.InvariantCulture),
            int.Parse(text[..colon], CultureInfo.InvariantCulture),
            text[(slash + 1)..]);
    }

    private static KeyValuePair<string, string> Split(string text)
    {
        var eq = text.IndexOf('=', StringComparison.Ordinal);
        return KeyValuePair.Create(text[..eq], text[(eq + 1)..]);
    }
}
