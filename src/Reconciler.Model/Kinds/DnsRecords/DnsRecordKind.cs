using Reconciler.Model.Graph;

namespace Reconciler.Model.Kinds;

/// <summary>
/// The dns-record kind: an alias A record to a load balancer. Records cannot be tagged: each is owned through a
/// companion TXT ownership record. Zone, name and type identify a record set; its alias target changes with an UPSERT.
/// </summary>
internal static class DnsRecordKind
{
    public const string Zone = "zone";
    public const string Name = "name";
    public const string Type = "type";
    public const string AliasTarget = "aliasTarget";

    /// <summary>The only record type the spec writes: an alias A record.</summary>
    public const string RecordType = "A";

    public static ResourceKind Kind { get; } = ResourceKind.Define("dns-record", 70,
        "An alias A record (`spec.dns.records[]`) to a load balancer, owned through a TXT record; the AWS id is `<zone id>/<name>/<type>`.",
        [
            new(Zone, "the hosted zone it is in", ForcesReplacement: true),
            new(Name, "the record name, lower case, no trailing dot", ForcesReplacement: true),
            new(Type, "A", ForcesReplacement: true),
            new(AliasTarget, "the load balancer's DNS name and canonical hosted zone id"),
        ]);
}
