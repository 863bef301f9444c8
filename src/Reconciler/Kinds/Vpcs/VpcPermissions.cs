using Reconciler.Security;

namespace Reconciler.Kinds;

/// <summary>
/// The IAM actions the vpc provider calls (tags are set at creation with TagSpecifications, and changed with CreateTags),
/// and DescribeTags, with which adoption (Import/Adoption) reads an EC2 resource's tags before it tags it: every spec has a VPC.
/// </summary>
internal static class VpcPermissions
{
    public static KindPermissions Value { get; } = new(
    [
        "ec2:DescribeVpcs", "ec2:DescribeVpcAttribute", "ec2:CreateVpc", "ec2:ModifyVpcAttribute", "ec2:DeleteVpc", "ec2:CreateTags", "ec2:DescribeTags",
    ]);
}
