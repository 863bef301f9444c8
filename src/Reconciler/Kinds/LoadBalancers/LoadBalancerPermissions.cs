using Reconciler.Security;

namespace Reconciler.Kinds;

/// <summary>The IAM actions the load-balancer provider calls; the first ALB of an account creates ELB's linked role.</summary>
internal static class LoadBalancerPermissions
{
    public static KindPermissions Value { get; } = new(
    [
        "tag:GetResources", "elasticloadbalancing:DescribeLoadBalancers", "elasticloadbalancing:DescribeTags", "elasticloadbalancing:CreateLoadBalancer",
        "elasticloadbalancing:SetSubnets", "elasticloadbalancing:SetSecurityGroups", "elasticloadbalancing:AddTags",
        "elasticloadbalancing:DeleteLoadBalancer",
    ],
    Implied: [IamActions.CreateServiceLinkedRole],
    LinkedRoleService: "elasticloadbalancing.amazonaws.com");
}
