using Reconciler.Model.Graph;

namespace Reconciler.Model.Kinds;

/// <summary>
/// The load-balancer kind: an internet-facing or internal application load balancer. Name and scheme are fixed by
/// CreateLoadBalancer; subnets (SetSubnets) and security groups (SetSecurityGroups) change in place (ELBv2 API reference).
/// </summary>
internal static class LoadBalancerKind
{
    public const string Name = "name";
    public const string Scheme = "scheme";
    public const string Subnets = "subnets";
    public const string SecurityGroups = "securityGroups";

    /// <summary>Attribute: the DNS name a Route53 alias points at (DescribeLoadBalancers DNSName).</summary>
    public const string DnsNameAttribute = "dnsName";

    /// <summary>Attribute: the hosted zone of that DNS name, which an alias names with it (CanonicalHostedZoneId).</summary>
    public const string CanonicalHostedZoneIdAttribute = "canonicalHostedZoneId";

    /// <summary>Attribute: provisioning, active, failed... (DescribeLoadBalancers State.Code).</summary>
    public const string StateAttribute = "state";

    public static ResourceKind Kind { get; } = ResourceKind.Define("load-balancer", 50,
        "An application load balancer (`spec.loadBalancers[]`), named `<environment>-<name>`; the AWS id is its ARN.",
        [
            new(Name, "`<environment>-<name>`, or the entry's `awsName` as given", ForcesReplacement: true),
            new(Scheme, "internet-facing or internal", ForcesReplacement: true),
            new(Subnets, "the subnets it spans (two zones at least)"),
            new(SecurityGroups, "the security groups of its network interfaces"),
        ]);
}
