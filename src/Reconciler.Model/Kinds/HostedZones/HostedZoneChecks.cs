using System.Text.RegularExpressions;
using Reconciler.Model.Validation;

namespace Reconciler.Model.Kinds;

/// <summary>The rules of <c>spec.dns.zone</c>, and the DNS name rules its records and certificates are checked with.</summary>
internal static partial class HostedZoneChecks
{
    [GeneratedRegex(@"^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}\.?$")]
    internal static partial Regex DnsName();

    public static void Check(SpecChecker c)
    {
        if (c.Spec.Dns is { } dns && dns.Zone.Length > 0 && !DnsName().IsMatch(dns.Zone))
        {
            c.Error("spec.dns.zone", $"'{dns.Zone}' is not a DNS name");
        }
    }

    /// <summary>Whether <paramref name="name"/> (a wildcard counts as its base) is the zone or below it.</summary>
    internal static bool InZone(string name, string zone)
    {
        var n = name.TrimEnd('.').TrimStart('*', '.');
        var z = zone.TrimEnd('.');
        return n.Equals(z, StringComparison.OrdinalIgnoreCase) || n.EndsWith("." + z, StringComparison.OrdinalIgnoreCase);
    }
}
