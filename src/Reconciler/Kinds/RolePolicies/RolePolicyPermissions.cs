using Reconciler.Security;

namespace Reconciler.Kinds;

/// <summary>The IAM actions the role-policy provider calls: the execution role's inline policy, by name only.</summary>
internal static class RolePolicyPermissions
{
    public static KindPermissions Value { get; } = new(["iam:GetRolePolicy", "iam:PutRolePolicy", "iam:DeleteRolePolicy"]);
}
