using Reconciler.Security;

namespace Reconciler.Kinds;

/// <summary>The IAM actions the iam-role provider calls; CreateRole carries a tag (reconciler:shared).</summary>
internal static class IamRolePermissions
{
    public static KindPermissions Value { get; } = new(
        ["iam:GetRole", "iam:CreateRole", "iam:ListAttachedRolePolicies", "iam:AttachRolePolicy", "iam:UpdateAssumeRolePolicy"],
        ["iam:TagRole"]);
}
