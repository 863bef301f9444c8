using Reconciler.Model.Graph;

namespace Reconciler.Model.Kinds;

/// <summary>
/// Where an alias record points: a DNS name and the hosted zone it belongs to, which Route53 takes together
/// (Route53 API reference, AliasTarget: DNSName and HostedZoneId; for a load balancer, its DNSName and
/// CanonicalHostedZoneId). In the graph both are references to the load balancer's attributes.
/// </summary>
internal sealed record AliasTarget(string DnsName, string HostedZoneId) : GraphItem
{
    public override string Display => $"{DnsName} (zone {HostedZoneId})";

    public override GraphItem Resolve(Func<string, string?> resolve) => this with { DnsName = Sub(DnsName, resolve), HostedZoneId = Sub(HostedZoneId, resolve) };

    public override IEnumerable<string> ReferencedIds() => Refs(DnsName, HostedZoneId);
}
