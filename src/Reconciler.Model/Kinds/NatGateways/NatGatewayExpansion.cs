using Reconciler.Model.Graph;

namespace Reconciler.Model.Kinds;

/// <summary>
/// The NAT gateway of <c>spec.network.natGateway</c> with its Elastic IP (created apart, by <see cref="ElasticIpExpansion"/>).
/// It comes after the internet gateway, through which its public subnet reaches the internet (Amazon VPC User Guide,
/// "NAT gateways": the route table of the NAT gateway's subnet must route internet traffic to an internet gateway).
/// </summary>
internal static class NatGatewayExpansion
{
    public static void Add(GraphContext ctx, NetworkSpec network)
    {
        if (network.NatGateway is not { } nat)
        {
            return;
        }

        ctx.Add(NatGatewayKind.Kind, GraphBuilder.VpcName,
        [
            (NatGatewayKind.Subnet, FieldValue.Of(GraphContext.Ref(SubnetKind.Kind, nat.Subnet))),
            (NatGatewayKind.Allocation, FieldValue.Of(GraphContext.Ref(ElasticIpKind.Kind, NatGatewayKind.AddressName))),
        ],
        extraDependencies: network.InternetGateway ? [GraphContext.LogicalId(InternetGatewayKind.Kind, GraphBuilder.VpcName)] : null);
    }
}
