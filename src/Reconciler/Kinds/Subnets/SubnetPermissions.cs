using Reconciler.Security;

namespace Reconciler.Kinds;

/// <summary>The IAM actions the subnet provider calls (tags are set at creation with TagSpecifications, and changed with CreateTags).</summary>
internal static class SubnetPermissions
{
    public static KindPermissions Value { get; } = new(
    [
        "ec2:DescribeSubnets", "ec2:CreateSubnet", "ec2:ModifySubnetAttribute", "ec2:DeleteSubnet", "ec2:CreateTags",
    ]);
}
