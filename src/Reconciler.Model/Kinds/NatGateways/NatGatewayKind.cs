using Reconciler.Model.Graph;

namespace Reconciler.Model.Kinds;

/// <summary>
/// The nat-gateway kind: CreateNatGateway fixes its subnet and Elastic IP allocation, and no call changes them (EC2
/// API reference), so either forces a replacement.
/// </summary>
internal static class NatGatewayKind
{
    public const string Subnet = "subnet";
    public const string Allocation = "allocation";

    /// <summary>The logical name of the NAT gateway's Elastic IP.</summary>
    public const string AddressName = "nat";

    public static ResourceKind Kind { get; } = ResourceKind.Define("nat-gateway", 30,
        "The VPC's public NAT gateway (`spec.network.natGateway`), logical name `main`, with the Elastic IP `nat`.",
        [
            new(Subnet, "the public subnet it is in", ForcesReplacement: true),
            new(Allocation, "the allocation id of its Elastic IP", ForcesReplacement: true),
        ]);
}
