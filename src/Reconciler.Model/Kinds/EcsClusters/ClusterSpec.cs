using Reconciler.Model.Loading;

namespace Reconciler.Model.Kinds;

internal sealed record ClusterSpec(string Name, string Capacity, string? AwsName = null)
{
    // Fargate and awsvpc are refused, not half-supported: AWS requires, for them, requiresCompatibilities, task-level cpu
    // and memory from the allowed pairs, and a networkConfiguration (subnets, security groups, assignPublicIp) on
    // CreateService and RunTask (ECS developer guide, "Amazon ECS task definition parameters for Fargate": "For Amazon
    // ECS tasks on Fargate, the awsvpc network mode is required"; RegisterTaskDefinition's cpu: "If you're using the
    // Fargate launch type, this field is required"), none of which this build sends.
    public static IReadOnlyDictionary<string, string> Fargate { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["fargate"] = "Fargate needs the awsvpc network mode, task-level cpu/memory and a network configuration, which it does not send yet",
        ["FARGATE"] = "Fargate needs the awsvpc network mode, task-level cpu/memory and a network configuration, which it does not send yet",
    };

    /// <summary>Reads one entry of <c>clusters</c>: EC2 capacity only.</summary>
    public static ClusterSpec Bind(MappingReader r) => new(r.Required("name"), r.Choice("capacity", ["ec2"], unsupported: Fargate) ?? "ec2", r.String("awsName"));
}
