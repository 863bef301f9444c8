using Reconciler.Security;

namespace Reconciler.Kinds;

/// <summary>The IAM actions the route-table provider calls (tags are set at creation with TagSpecifications, and changed with CreateTags).</summary>
internal static class RouteTablePermissions
{
    public static KindPermissions Value { get; } = new(
    [
        "ec2:DescribeRouteTables", "ec2:CreateRouteTable", "ec2:CreateRoute", "ec2:ReplaceRoute", "ec2:DeleteRoute", "ec2:AssociateRouteTable",
        "ec2:ReplaceRouteTableAssociation", "ec2:DisassociateRouteTable", "ec2:DeleteRouteTable", "ec2:CreateTags",
    ]);
}
