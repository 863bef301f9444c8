using Reconciler.Model.Validation;

namespace Reconciler.Model.Kinds;

/// <summary>The rules of <c>spec.certificates</c>: DNS names inside <c>spec.dns.zone</c>, where their validation records go.</summary>
internal static class CertificateChecks
{
    public static void Check(SpecChecker c)
    {
        var spec = c.Spec;
        for (var i = 0; i < spec.Certificates.Count; i++)
        {
            var cert = spec.Certificates[i];
            var path = $"spec.certificates[{i}]";
            c.CheckLogicalName(path + ".name", cert.Name);
            foreach (var (domain, field) in cert.AlternativeNames.Select((n, j) => (n, $"{path}.alternativeNames[{j}]")).Prepend((cert.Domain, path + ".domain")))
            {
                if (domain.Length == 0)
                {
                    continue;
                }

                if (!HostedZoneChecks.DnsName().IsMatch(domain))
                {
                    c.Error(field, $"'{domain}' is not a DNS name");
                }
                else if (spec.Dns is null)
                {
                    c.Error(field, "DNS validation writes records into spec.dns.zone, and there is no spec.dns");
                }
                else if (!HostedZoneChecks.InZone(domain, spec.Dns.Zone))
                {
                    c.Error(field, $"'{domain}' is not inside the zone '{spec.Dns.Zone}', so it cannot be validated through it");
                }
            }
        }
    }
}
