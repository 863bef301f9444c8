using Reconciler.Model.Graph;

namespace Reconciler.Model.Kinds;

/// <summary>Elastic IPs: the NAT gateway's, and one associated with a host's instance.</summary>
internal static class ElasticIpExpansion
{
    /// <summary>The address of <c>spec.network.natGateway</c>, named <see cref="NatGatewayKind.AddressName"/>.</summary>
    public static void AddForNatGateway(GraphContext ctx, NetworkSpec network)
    {
        if (network.NatGateway is not null)
        {
            ctx.Add(ElasticIpKind.Kind, NatGatewayKind.AddressName, [(ElasticIpKind.Domain, FieldValue.Of("vpc"))]);
        }
    }

    /// <summary>The address of a host with <c>elasticIp: true</c>, named as its instance and associated with it.</summary>
    public static void AddForInstance(GraphContext ctx, ResourceKind instanceKind, string instanceName) =>
        ctx.Add(ElasticIpKind.Kind, instanceName,
        [
            (ElasticIpKind.Domain, FieldValue.Of("vpc")),
            (ElasticIpKind.Instance, FieldValue.Of(GraphContext.Ref(instanceKind, instanceName))),
        ]);
}
