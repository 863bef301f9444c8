using Reconciler.Security;

namespace Reconciler.Kinds;

/// <summary>The IAM actions the security-group provider calls (tags are set at creation with TagSpecifications, and changed with CreateTags).</summary>
internal static class SecurityGroupPermissions
{
    public static KindPermissions Value { get; } = new(
    [
        "ec2:DescribeSecurityGroups", "ec2:CreateSecurityGroup", "ec2:AuthorizeSecurityGroupIngress", "ec2:AuthorizeSecurityGroupEgress",
        "ec2:RevokeSecurityGroupIngress", "ec2:RevokeSecurityGroupEgress", "ec2:DeleteSecurityGroup", "ec2:CreateTags",
    ]);
}
