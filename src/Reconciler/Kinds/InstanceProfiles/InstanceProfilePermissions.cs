using Reconciler.Security;

namespace Reconciler.Kinds;

/// <summary>The IAM actions the instance-profile provider calls (for the profile and its role); both are created with a tag.</summary>
internal static class InstanceProfilePermissions
{
    public static KindPermissions Value { get; } = new(
        [
            "iam:GetInstanceProfile", "iam:CreateInstanceProfile", "iam:AddRoleToInstanceProfile",
            .. IamRolePermissions.Value.Actions,
        ],
        ["iam:TagInstanceProfile"]);
}
