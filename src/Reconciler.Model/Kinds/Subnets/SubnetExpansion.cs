using Reconciler.Model.Graph;

namespace Reconciler.Model.Kinds;

/// <summary>The subnets of <c>spec.network</c>. None maps public IPs on launch: hosts that need one get an Elastic IP.</summary>
internal static class SubnetExpansion
{
    public static void Add(GraphContext ctx, NetworkSpec network)
    {
        foreach (var subnet in network.Subnets)
        {
            ctx.Add(SubnetKind.Kind, subnet.Name,
            [
                (SubnetKind.Vpc, FieldValue.Of(VpcExpansion.Ref)),
                (SubnetKind.Cidr, FieldValue.Of(subnet.Cidr)),
                (SubnetKind.Zone, FieldValue.Of(subnet.Zone)),
                (SubnetKind.MapPublicIpOnLaunch, FieldValue.Of(false)),
            ]);
        }
    }
}
