using Reconciler.Security;

namespace Reconciler.Kinds;

/// <summary>The IAM actions the nat-gateway provider calls (tags are set at creation with TagSpecifications, and changed with CreateTags).</summary>
internal static class NatGatewayPermissions
{
    public static KindPermissions Value { get; } = new(
    [
        "ec2:DescribeNatGateways", "ec2:CreateNatGateway", "ec2:DeleteNatGateway", "ec2:CreateTags",
    ]);
}
