using Reconciler.Security;

namespace Reconciler.Kinds;

/// <summary>The IAM actions the dns-record provider calls: records and their ownership records, by zone.</summary>
internal static class DnsRecordPermissions
{
    public static KindPermissions Value { get; } = new(["route53:ListHostedZonesByName", "route53:ListResourceRecordSets", "route53:ChangeResourceRecordSets"]);
}
