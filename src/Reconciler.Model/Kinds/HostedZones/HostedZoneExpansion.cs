using Reconciler.Model.Graph;

namespace Reconciler.Model.Kinds;

/// <summary>The zone of <c>spec.dns</c> as a desired resource, named by its DNS name in the form Route53 answers it.</summary>
internal static class HostedZoneExpansion
{
    public static void Add(GraphContext ctx, DnsSpec dns)
    {
        var zone = ZoneName(dns);
        ctx.Add(HostedZoneKind.Kind, zone, [(HostedZoneKind.Name, FieldValue.Of(zone))], allowReplacement: dns.AllowZoneDeletion);
    }

    /// <summary>The zone as its records and certificates refer to it.</summary>
    public static HostedZoneRef Ref(DnsSpec dns) => new(ZoneName(dns), GraphContext.Ref(HostedZoneKind.Kind, ZoneName(dns)));

    /// <summary>Lower case, no trailing dot: as Route53 answers it.</summary>
    private static string ZoneName(DnsSpec dns) => dns.Zone.TrimEnd('.').ToLowerInvariant();
}
