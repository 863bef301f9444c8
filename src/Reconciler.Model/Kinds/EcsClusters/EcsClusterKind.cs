using Reconciler.Model.Graph;

namespace Reconciler.Model.Kinds;

/// <summary>The ecs-cluster kind: only its name, which CreateCluster fixes (ECS API reference: no call renames a cluster).</summary>
internal static class EcsClusterKind
{
    public const string Name = "name";

    public static ResourceKind Kind { get; } = ResourceKind.Define("ecs-cluster", 5,
        "An ECS cluster (`spec.clusters[]`) with EC2 capacity, named `<environment>-<name>`; the AWS id is its ARN.",
        [
            new(Name, "`<environment>-<name>`", ForcesReplacement: true),
        ]);
}
