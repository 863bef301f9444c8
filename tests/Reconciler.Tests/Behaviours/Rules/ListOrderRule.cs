namespace Reconciler.Tests.Behaviours.Rules;

/// <summary>
/// ELBv2 and RDS answer the lists that are sets to them (a load balancer's availability zones and security groups, a DB
/// instance's VPC security groups, a DB subnet group's subnets) in an order of their own, not the order sent; moto keeps
/// the order sent. Played by reversing them in the Describe answers.
/// </summary>
internal sealed class ListOrderRule : BehaviourRule
{
    private static readonly HashSet<string> Lists = new(StringComparer.Ordinal) { "AvailabilityZones", "SecurityGroups", "VpcSecurityGroups", "Subnets" };

    public override string Behaviour => "DescribeLoadBalancers (AvailabilityZones, SecurityGroups), DescribeDBInstances (VpcSecurityGroups) and DescribeDBSubnetGroups (Subnets) answer their lists in another order than sent.";

    public override string Source => "The API references promise no order for these lists (ELBv2 LoadBalancer.AvailabilityZones \"The subnets for the load balancer\"); https://github.com/zalando-incubator/kube-ingress-aws-controller/pull/757 (subnets sorted to stop sporadic load balancer updates); https://github.com/kubernetes-sigs/aws-load-balancer-controller/pull/4504 (\"DescribeSubnets doesn't guarantee an order\")";

    public override AwsAnswer After(AwsRequest request, AwsAnswer answer, DateTimeOffset now) =>
        !answer.Ok || !(request.Is("elasticloadbalancing", "DescribeLoadBalancers") || request.Is("rds", "DescribeDBInstances") || request.Is("rds", "DescribeDBSubnetGroups"))
            ? answer
            : XmlRewrite.Apply(answer, document =>
            {
                var changed = false;
                foreach (var list in document.Descendants().Where(e => Lists.Contains(e.Name.LocalName) && e.Elements().Skip(1).Any()).ToList())
                {
                    var items = list.Elements().Reverse().ToList();
                    list.ReplaceNodes(items);
                    changed = true;
                }

                return changed;
            });
}
