using Reconciler.Model.Graph;

namespace Reconciler.Model.Kinds;

/// <summary>
/// The task-definition kind. A revision cannot be changed: RegisterTaskDefinition with the same family registers the
/// next revision (ECS API reference, TaskDefinition "family": "A family groups multiple versions of a task
/// definition"; "revision": each registration in the family increases it by one), so any changed field registers a
/// new revision and only the family forces a replacement. Container fields are named
/// <c>containers.&lt;container&gt;.&lt;field&gt;</c> (<see cref="Container"/>); an absent optional one is the empty string,
/// so that removing it from the spec is a change.
/// </summary>
internal static class TaskDefinitionKind
{
    public const string Family = "family";
    public const string NetworkMode = "networkMode";
    public const string ExecutionRole = "executionRole";
    public const string TaskRole = "taskRole";
    public const string Containers = "containers";
    public const string Cpu = "cpu";
    public const string Memory = "memory";

    // The fields of each container, under containers.<name>.
    public const string Image = "image";
    public const string Essential = "essential";
    public const string ContainerMemory = "memory";
    public const string MemoryReservation = "memoryReservation";
    public const string ContainerCpu = "cpu";
    public const string PortMappings = "portMappings";
    public const string Environment = "environment";
    public const string Secrets = "secrets";
    public const string Command = "command";
    public const string Logs = "logs";

    /// <summary>The property of one container's field; <c>*</c> for any container in an ignore pattern.</summary>
    public static string Container(string container, string field) => $"{Containers}.{container}.{field}";

    public static ResourceKind Kind { get; } = ResourceKind.Define("task-definition", 30,
        "An ECS task definition (`spec.taskDefinitions[]`), family `<environment>-<family>`; the AWS id is the ARN of the family's latest ACTIVE revision, and a change registers a new revision.",
        [
            new(Family, "`<environment>-<family>`, or the entry's `awsName` as given", ForcesReplacement: true),
            new(NetworkMode, "bridge or host"),
            new(ExecutionRole, "the execution role's ARN (a reference to the iam-role), or empty"),
            new(TaskRole, "the task role as the spec names it (name or ARN), or empty"),
            new(Containers, "the container names"),
            new(Cpu, "task-level CPU units, or empty"),
            new(Memory, "task-level memory in MiB, or empty"),
            new(Container("*", Image), "the image reference (a repository's URI and tag, or as given)"),
            new(Container("*", Essential), "whether the task stops when this container stops"),
            new(Container("*", ContainerMemory), "hard memory limit in MiB, or empty"),
            new(Container("*", MemoryReservation), "soft memory limit in MiB, or empty"),
            new(Container("*", ContainerCpu), "CPU units (0 when not given, as ECS fills it in)"),
            new(Container("*", PortMappings), "port mappings, a set of host:container/protocol"),
            new(Container("*", Environment), "environment variables, a set of NAME=value (values of other resources as references)"),
            new(Container("*", Secrets), "secrets, a set of NAME=valueFrom (a parameter or secret ARN, never a value)"),
            new(Container("*", Command), "the command, a list of arguments, or empty"),
            new(Container("*", Logs), "awslogs group and stream prefix, or empty"),
        ]);
}
