using Reconciler.Model.Graph;

namespace Reconciler.Model.Kinds;

/// <summary>A cluster of the spec as a desired resource.</summary>
internal static class EcsClusterExpansion
{
    public static void Add(GraphContext ctx, ClusterSpec cluster) =>
        ctx.Add(EcsClusterKind.Kind, cluster.Name, [(EcsClusterKind.Name, FieldValue.Of(ctx.Physical(EcsClusterKind.Kind, cluster.Name)))]);
}
