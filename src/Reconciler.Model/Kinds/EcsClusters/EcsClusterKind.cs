using Reconciler.Model.Graph;

namespace Reconciler.Model.Kinds;

/// <summary>
/// The ecs-cluster kind: only its name, which only CreateCluster takes (ECS API reference: UpdateCluster changes
/// settings and configuration, never the name), so a new name is a new cluster.
/// </summary>
internal static class EcsClusterKind
{
    public const string Name = "name";

    public static ResourceKind Kind { get; } = ResourceKind.Define("ecs-cluster", 5,
        "An ECS cluster (`spec.clusters[]`) with EC2 capacity, named `<environment>-<name>`; the AWS id is its ARN.",
        [
            new(Name, "`<environment>-<name>`, or the entry's `awsName` as given", ForcesReplacement: true),
        ]);
}
