using Reconciler.Model.Graph;

namespace Reconciler.Model.Kinds;

/// <summary>The VPC of <c>spec.network</c>, with DNS support and hostnames on (ECS hosts and RDS endpoints need them).</summary>
internal static class VpcExpansion
{
    /// <summary>The reference to the environment's VPC id, for the kinds that live in it.</summary>
    public static string Ref => GraphContext.Ref(VpcKind.Kind, GraphBuilder.VpcName);

    public static void Add(GraphContext ctx, NetworkSpec network) =>
        ctx.Add(VpcKind.Kind, GraphBuilder.VpcName,
        [
            (VpcKind.Cidr, FieldValue.Of(network.Cidr)),
            (VpcKind.EnableDnsSupport, FieldValue.Of(true)),
            (VpcKind.EnableDnsHostnames, FieldValue.Of(true)),
        ]);
}
