using Reconciler.Security;

namespace Reconciler.Kinds;

/// <summary>The IAM actions the vpc provider calls (tags are set at creation with TagSpecifications, and changed with CreateTags).</summary>
internal static class VpcPermissions
{
    public static KindPermissions Value { get; } = new(
    [
        "ec2:DescribeVpcs", "ec2:DescribeVpcAttribute", "ec2:CreateVpc", "ec2:ModifyVpcAttribute", "ec2:DeleteVpc", "ec2:CreateTags",
    ]);
}
