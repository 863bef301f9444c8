namespace Reconciler.Aws.Elbv2;

/// <summary>A load balancer as DescribeLoadBalancers reports it (the fields we read).</summary>
internal sealed record Elbv2LoadBalancer(
    string Arn,
    string Name,
    string Scheme,
    string State,
    string DnsName,
    string CanonicalHostedZoneId,
    IReadOnlyList<string> Subnets,
    IReadOnlyList<string> SecurityGroups);
