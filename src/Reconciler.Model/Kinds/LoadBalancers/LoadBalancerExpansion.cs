using Reconciler.Model.Graph;

namespace Reconciler.Model.Kinds;

/// <summary>A load balancer of the spec as desired resources: its target groups, itself, then its listeners.</summary>
internal static class LoadBalancerExpansion
{
    public static void Add(GraphContext ctx, LoadBalancerSpec lb)
    {
        foreach (var tg in lb.TargetGroups)
        {
            TargetGroupExpansion.Add(ctx, tg);
        }

        ctx.Add(LoadBalancerKind.Kind, lb.Name,
        [
            (LoadBalancerKind.Name, FieldValue.Of(ctx.Physical(LoadBalancerKind.Kind, lb.Name))),
            (LoadBalancerKind.Scheme, FieldValue.Of(lb.Scheme)),
            (LoadBalancerKind.Subnets, FieldValue.SetOf(ctx.Refs(ResourceKinds.Subnet, lb.Subnets))),
            (LoadBalancerKind.SecurityGroups, FieldValue.SetOf(ctx.Refs(ResourceKinds.SecurityGroup, lb.SecurityGroups))),
        ]);
        foreach (var listener in lb.Listeners)
        {
            ListenerExpansion.Add(ctx, lb, listener);
        }
    }
}
