using Reconciler.Model.Graph;

namespace Reconciler.Model.Kinds;

/// <summary>A record of <c>spec.dns.records</c> as a desired resource, named by its DNS name.</summary>
internal static class DnsRecordExpansion
{
    public static void Add(GraphContext ctx, DnsRecordSpec record, DnsSpec dns)
    {
        var name = record.Name.TrimEnd('.').ToLowerInvariant();
        var lb = record.Target.LoadBalancer;
        // Route53 records cannot be tagged: they are owned through a TXT ownership record naming the environment and
        // the logical id, so those two are the only "tags" a record has.
        ctx.AddUntaggable(DnsRecordKind.Kind, name,
        [
            (DnsRecordKind.Zone, FieldValue.Of(HostedZoneExpansion.Ref(dns))),
            (DnsRecordKind.Name, FieldValue.Of(name)),
            (DnsRecordKind.Type, FieldValue.Of(DnsRecordKind.RecordType)),
            (DnsRecordKind.AliasTarget, FieldValue.Of(new AliasTarget(
                GraphContext.Ref(LoadBalancerKind.Kind, lb, LoadBalancerKind.DnsNameAttribute),
                GraphContext.Ref(LoadBalancerKind.Kind, lb, LoadBalancerKind.CanonicalHostedZoneIdAttribute)))),
        ]);
    }
}
