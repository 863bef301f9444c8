using Reconciler.Security;

namespace Reconciler.Kinds;

/// <summary>The IAM actions the listener provider calls (it lists the load balancers to find their listeners).</summary>
internal static class ListenerPermissions
{
    public static KindPermissions Value { get; } = new(
    [
        "tag:GetResources", "elasticloadbalancing:DescribeLoadBalancers", "elasticloadbalancing:DescribeListeners", "elasticloadbalancing:DescribeTags",
        "elasticloadbalancing:CreateListener", "elasticloadbalancing:ModifyListener", "elasticloadbalancing:AddTags",
        "elasticloadbalancing:DeleteListener",
    ]);
}
