using Reconciler.Model.Graph;

namespace Reconciler.Model.Kinds;

/// <summary>
/// The route-table kind: the VPC is fixed by CreateRouteTable; routes and subnet associations change in place, one
/// element at a time (CreateRoute, ReplaceRoute, DeleteRoute, AssociateRouteTable, DisassociateRouteTable: EC2 API
/// reference). The VPC's local route is implicit and never compared.
/// </summary>
internal static class RouteTableKind
{
    public const string Vpc = "vpc";
    public const string Routes = "routes";
    public const string Subnets = "subnets";

    public const string Public = "public";
    public const string Private = "private";

    /// <summary>The attribute prefix of a subnet's association id (<c>association:subnet-…</c>), which DisassociateRouteTable takes.</summary>
    public const string AssociationPrefix = "association:";

    public static ResourceKind Kind { get; } = ResourceKind.Define("route-table", 40,
        "The route tables `public` (default route to the internet gateway) and `private` (default route to the NAT gateway, if any) and their subnets.",
        [
            new(Vpc, "the environment's VPC", ForcesReplacement: true),
            new(Routes, "the routes besides the local one, as `destination->target` (a set)"),
            new(Subnets, "the subnets associated with it (a set)"),
        ]);
}
