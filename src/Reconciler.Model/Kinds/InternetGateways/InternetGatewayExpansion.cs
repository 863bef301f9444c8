using Reconciler.Model.Graph;

namespace Reconciler.Model.Kinds;

/// <summary>The internet gateway of <c>spec.network.internetGateway: true</c>, attached to the VPC.</summary>
internal static class InternetGatewayExpansion
{
    public static void Add(GraphContext ctx, NetworkSpec network)
    {
        if (network.InternetGateway)
        {
            ctx.Add(InternetGatewayKind.Kind, GraphBuilder.VpcName, [(InternetGatewayKind.Vpc, FieldValue.Of(VpcExpansion.Ref))]);
        }
    }
}
