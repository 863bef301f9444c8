using Reconciler.Model.Validation;

namespace Reconciler.Model.Kinds;

/// <summary>The rules of <c>spec.dns.records</c>: unique DNS names inside the zone, aliasing a load balancer of the spec.</summary>
internal static class DnsRecordChecks
{
    public static void Check(SpecChecker c, HashSet<string> loadBalancers)
    {
        if (c.Spec.Dns is not { } dns)
        {
            return;
        }

        c.Unique(dns.Records.Select(r => r.Name.TrimEnd('.')), "spec.dns.records", "record");
        for (var i = 0; i < dns.Records.Count; i++)
        {
            var record = dns.Records[i];
            var path = $"spec.dns.records[{i}]";
            if (record.Name.Length > 0 && !HostedZoneChecks.DnsName().IsMatch(record.Name))
            {
                c.Error(path + ".name", $"'{record.Name}' is not a DNS name");
            }
            else if (record.Name.Length > 0 && !HostedZoneChecks.InZone(record.Name, dns.Zone))
            {
                c.Error(path + ".name", $"'{record.Name}' is not inside the zone '{dns.Zone}'");
            }

            c.Reference(path + ".target.loadBalancer", record.Target.LoadBalancer, loadBalancers, "load balancer");
        }
    }
}
