using Reconciler.Security;

namespace Reconciler.Kinds;

/// <summary>The IAM actions the ecs-cluster provider calls.</summary>
internal static class EcsClusterPermissions
{
    public static KindPermissions Value { get; } = new(["tag:GetResources", "ecs:DescribeClusters", "ecs:CreateCluster", "ecs:TagResource", "ecs:DeleteCluster"]);
}
