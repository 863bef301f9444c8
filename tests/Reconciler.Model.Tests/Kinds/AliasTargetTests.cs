using System.Collections.Immutable;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;

namespace Reconciler.Model.Tests.Kinds;

/// <summary>Route53's AliasTarget takes DNSName and HostedZoneId together (Route53 API reference, AliasTarget).</summary>
public sealed class AliasTargetTests
{
    private static readonly Dictionary<string, string> LoadBalancer = new(StringComparer.Ordinal)
    {
        ["load-balancer/app#dnsName"] = "demo-app-1.ap-northeast-1.elb.amazonaws.com",
        ["load-balancer/app#canonicalHostedZoneId"] = "Z14GRHDCWA56QT",
    };

    [Fact]
    public void Resolve_Should_ReplaceTheNameAndTheZone_When_TheLoadBalancerIsKnown()
    {
        var alias = new AliasTarget(References.To("load-balancer/app", "dnsName"), References.To("load-balancer/app", "canonicalHostedZoneId"));

        Assert.Equal(["load-balancer/app", "load-balancer/app"], alias.ReferencedIds());
        Assert.Equal(new AliasTarget("demo-app-1.ap-northeast-1.elb.amazonaws.com", "Z14GRHDCWA56QT"), alias.Resolve(LoadBalancer.GetValueOrDefault));
        Assert.Equal("demo-app-1.ap-northeast-1.elb.amazonaws.com (zone Z14GRHDCWA56QT)", alias.Resolve(LoadBalancer.GetValueOrDefault).Display);
    }

    [Fact]
    public void Diff_Should_ReportOneAliasChangeInPlace_When_OnlyTheZoneDiffers()
    {
        var desired = new DesiredResource(DnsRecordKind.Kind, "api.example.com",
            ImmutableSortedDictionary<string, FieldValue>.Empty.WithComparers(StringComparer.Ordinal)
                .Add(DnsRecordKind.AliasTarget, FieldValue.Of(new AliasTarget(References.To("load-balancer/app", "dnsName"), References.To("load-balancer/app", "canonicalHostedZoneId")))),
            ImmutableSortedSet<string>.Empty, ImmutableSortedDictionary<string, string>.Empty);
        var observed = new ObservedResource(DnsRecordKind.Kind, "dns-record/api.example.com", "env", "Z1/api.example.com/A",
            ImmutableSortedDictionary<string, FieldValue>.Empty.WithComparers(StringComparer.Ordinal)
                .Add(DnsRecordKind.AliasTarget, FieldValue.Of(new AliasTarget("demo-app-1.ap-northeast-1.elb.amazonaws.com", "Z35SXDOTRQ7X7K"))),
            ImmutableSortedDictionary<string, string>.Empty, ImmutableSortedDictionary<string, string>.Empty);

        var change = Assert.Single(Planner.Diff(desired, observed, LoadBalancer.GetValueOrDefault));

        Assert.Equal(DnsRecordKind.AliasTarget, change.Path);
        Assert.False(change.ForcesReplacement);
        Assert.Equal("demo-app-1.ap-northeast-1.elb.amazonaws.com (zone Z35SXDOTRQ7X7K)", change.Actual);
    }
}
