using Reconciler.Security;

namespace Reconciler.Kinds;

/// <summary>The IAM actions the internet-gateway provider calls (tags are set at creation with TagSpecifications, and changed with CreateTags).</summary>
internal static class InternetGatewayPermissions
{
    public static KindPermissions Value { get; } = new(
    [
        "ec2:DescribeInternetGateways", "ec2:CreateInternetGateway", "ec2:AttachInternetGateway", "ec2:DetachInternetGateway", "ec2:DeleteInternetGateway",
        "ec2:CreateTags",
    ]);
}
