using Reconciler.Security;

namespace Reconciler.Kinds;

/// <summary>The IAM actions the elastic-ip provider calls (tags are set at creation with TagSpecifications, and changed with CreateTags).</summary>
internal static class ElasticIpPermissions
{
    public static KindPermissions Value { get; } = new(
    [
        "ec2:DescribeAddresses", "ec2:AllocateAddress", "ec2:AssociateAddress", "ec2:DisassociateAddress", "ec2:ReleaseAddress", "ec2:CreateTags",
    ]);
}
