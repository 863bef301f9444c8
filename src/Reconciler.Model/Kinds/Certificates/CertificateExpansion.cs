using Reconciler.Model.Graph;

namespace Reconciler.Model.Kinds;

/// <summary>A certificate of the spec as a desired resource, validated in the zone of <c>spec.dns</c>.</summary>
internal static class CertificateExpansion
{
    public static void Add(GraphContext ctx, CertificateSpec cert, DnsSpec dns)
    {
        // DNS names as ACM and Route53 answer them: lower case, no trailing dot. The validation records are "present"
        // when ACM's validation CNAMEs are in the zone: the provider writes them, and repairs them.
        var properties = new List<(string, FieldValue)>
        {
            (CertificateKind.Domain, FieldValue.Of(cert.Domain.TrimEnd('.').ToLowerInvariant())),
            (CertificateKind.AlternativeNames, FieldValue.SetOf(cert.AlternativeNames.Select(n => n.TrimEnd('.').ToLowerInvariant()))),
            (CertificateKind.Validation, FieldValue.Of(cert.Validation)),
            (CertificateKind.Zone, FieldValue.Of(HostedZoneExpansion.Ref(dns))),
        };
        if (cert.Validation == "dns")
        {
            properties.Add((CertificateKind.ValidationRecords, FieldValue.Of(CertificateKind.Present)));
        }

        ctx.Add(CertificateKind.Kind, cert.Name, properties);
    }
}
