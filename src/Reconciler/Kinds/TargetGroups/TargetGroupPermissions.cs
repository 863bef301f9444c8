using Reconciler.Security;

namespace Reconciler.Kinds;

/// <summary>The IAM actions the target-group provider calls.</summary>
internal static class TargetGroupPermissions
{
    public static KindPermissions Value { get; } = new(
    [
        "tag:GetResources", "elasticloadbalancing:DescribeTargetGroups", "elasticloadbalancing:DescribeTags", "elasticloadbalancing:CreateTargetGroup",
        "elasticloadbalancing:ModifyTargetGroup", "elasticloadbalancing:AddTags", "elasticloadbalancing:DeleteTargetGroup",
    ]);
}
