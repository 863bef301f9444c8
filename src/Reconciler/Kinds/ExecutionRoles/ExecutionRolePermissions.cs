using Reconciler.Security;

namespace Reconciler.Kinds;

/// <summary>
/// The IAM actions the execution-role provider calls: the role's life (created with its tags, so TagRole too), its
/// trust and managed policies, and the delete path (DeleteRole needs the role empty first). Scoped to the roles'
/// names and conditioned on their ownership tag by <c>reconciler iam-policy</c> (IamPolicy).
/// </summary>
internal static class ExecutionRolePermissions
{
    public static KindPermissions Value { get; } = new(
        ["iam:GetRole", "iam:ListAttachedRolePolicies", "iam:CreateRole", "iam:TagRole", "iam:AttachRolePolicy", "iam:DetachRolePolicy",
         "iam:UpdateAssumeRolePolicy", "iam:ListRolePolicies", "iam:DeleteRolePolicy", "iam:DeleteRole"]);
}
