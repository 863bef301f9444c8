using Reconciler.Security;

namespace Reconciler.Kinds;

/// <summary>
/// The IAM actions the iam-role provider calls. CreateRole carries a tag (reconciler:shared), for which IAM also checks
/// iam:TagRole; listed with the calls, not as implied, since the execution-role provider calls TagRole itself.
/// </summary>
internal static class IamRolePermissions
{
    public static KindPermissions Value { get; } = new(
        ["iam:GetRole", "iam:CreateRole", "iam:ListAttachedRolePolicies", "iam:AttachRolePolicy", "iam:UpdateAssumeRolePolicy", "iam:TagRole"]);
}
