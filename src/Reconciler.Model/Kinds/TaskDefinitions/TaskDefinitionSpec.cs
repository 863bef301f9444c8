using Reconciler.Model.Loading;

namespace Reconciler.Model.Kinds;

internal sealed record TaskDefinitionSpec(
    string Family,
    string? ExecutionRole,
    string? TaskRole,
    string NetworkMode,
    IReadOnlyList<ContainerSpec> Containers,
    int? Cpu = null,
    int? Memory = null,
    string? AwsName = null,
    bool OwnExecutionRole = false)
{
    private static readonly Dictionary<string, string> Awsvpc = new(StringComparer.Ordinal)
    {
        ["awsvpc"] = "awsvpc tasks need a network configuration (subnets, security groups) on the service and on one-off tasks, which it does not send yet",
    };

    /// <summary>
    /// Reads one entry of <c>taskDefinitions</c> (awsvpc is refused: see <see cref="ClusterSpec.Fargate"/>). Task-level cpu
    /// in CPU units and memory in MiB. RegisterTaskDefinition's cpu: for the EC2 launch type "Supported values are between
    /// 128 CPU units (0.125 vCPUs) and 196608 CPU units (192 vCPUs)"; memory: "If you're using the EC2 launch type, this
    /// field is optional" (ECS API reference). Whether they fit the hosts is checked by the validator.
    /// The execution role is a shared role's name or ARN, or <c>{ own: true }</c> (<see cref="ExecutionRoleField"/>).
    /// </summary>
    public static TaskDefinitionSpec Bind(MappingReader r)
    {
        var family = r.Required("family");
        var (executionRole, own) = ExecutionRoleField.Bind(r);
        return new(
            family,
            executionRole,
            r.String("taskRole"),
            r.Choice("networkMode", ["bridge", "host"], unsupported: Awsvpc) ?? "bridge",
            r.Objects("containers", ContainerSpec.Bind, required: true),
            r.Int("cpu", min: 128, max: 196_608),
            r.Int("memory", min: 6, max: 1_000_000),
            r.String("awsName"),
            own);
    }
}
