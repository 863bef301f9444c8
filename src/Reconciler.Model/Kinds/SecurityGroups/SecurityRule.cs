using System.Globalization;
using Reconciler.Model.Graph;

namespace Reconciler.Model.Kinds;

/// <summary>
/// One security group rule, the same record for a spec rule and an observed AWS permission: a protocol, a port range
/// and exactly one target (an IPv4 or IPv6 CIDR, a source group, a prefix list). Made through <see cref="Create"/>,
/// which canonicalises protocols and ports so that the two sides compare equal. <see cref="Display"/> is the text
/// plans and logs show: <c>tcp:443-443:0.0.0.0/0</c>, <c>tcp:5432-5432:sg:sg-0abc</c>, <c>-1:all:0.0.0.0/0</c>.
/// </summary>
internal sealed record SecurityRule : GraphItem
{
    private SecurityRule(string protocol, int from, int to)
    {
        Protocol = protocol;
        From = from;
        To = to;
    }

    /// <summary>The protocol of a rule that allows every protocol (and so every port).</summary>
    public const string AllProtocols = "-1";

    /// <summary>AWS's default egress rule of a new group: all protocols to anywhere.</summary>
    public static SecurityRule AllowAllEgress { get; } = Create(AllProtocols, null, null, cidr: "0.0.0.0/0");

    /// <summary><c>tcp</c>, <c>udp</c>, <c>icmp</c>, <c>-1</c> (all) or another protocol number.</summary>
    public string Protocol { get; private init; }

    /// <summary>The first port (an ICMP type); -1 with all protocols.</summary>
    public int From { get; private init; }

    /// <summary>The last port (an ICMP code); -1 with all protocols.</summary>
    public int To { get; private init; }

    public string? Cidr { get; private init; }

    public string? Ipv6Cidr { get; private init; }

    /// <summary>A group id, or a reference to one of the spec's groups.</summary>
    public string? SourceGroup { get; private init; }

    public string? PrefixList { get; private init; }

    /// <summary>Whether the rule names another group (such rules keep that group from being deleted).</summary>
    public bool NamesGroup => SourceGroup is not null;

    /// <summary>
    /// The canonical rule: protocol numbers 6, 17 and 1 become tcp, udp and icmp, "all" becomes -1, whose ports
    /// are ignored ("specifying -1 ... allows traffic on all ports, regardless of any port range you specify": EC2
    /// API reference, IpPermission.IpProtocol), and a missing end port is the start port. Give exactly one target.
    /// </summary>
    public static SecurityRule Create(string protocol, int? from, int? to, string? cidr = null, string? sourceGroup = null, string? ipv6Cidr = null, string? prefixList = null)
    {
        if (new[] { cidr, sourceGroup, ipv6Cidr, prefixList }.Count(t => t is not null) != 1)
        {
            throw new ArgumentException("a security group rule has exactly one target");
        }

        var proto = protocol switch
        {
            "all" or AllProtocols => AllProtocols,
            "6" => "tcp",
            "17" => "udp",
            "1" => "icmp",
            _ => protocol.ToLowerInvariant(),
        };
        var start = proto == AllProtocols ? -1 : from ?? 0;
        var end = proto == AllProtocols ? -1 : to ?? start;
        return new SecurityRule(proto, start, end) { Cidr = cidr, SourceGroup = sourceGroup, Ipv6Cidr = ipv6Cidr, PrefixList = prefixList };
    }

    /// <summary>A rule of the spec: its source group as a reference to that group's id.</summary>
    public static SecurityRule FromSpec(RuleSpec rule) =>
        rule.Cidr is { } cidr
            ? Create(rule.Protocol, rule.Port, rule.ToPort ?? rule.Port, cidr: cidr)
            : Create(rule.Protocol, rule.Port, rule.ToPort ?? rule.Port, sourceGroup: GraphContext.Ref(SecurityGroupKind.Kind, rule.Source ?? string.Empty));

    public override string Display
    {
        get
        {
            var target = Cidr ?? Ipv6Cidr ?? (SourceGroup is { } group ? "sg:" + group : "pl:" + PrefixList);
            return Protocol == AllProtocols
                ? $"-1:all:{target}"
                : string.Create(CultureInfo.InvariantCulture, $"{Protocol}:{From}-{To}:{target}");
        }
    }

    public override GraphItem Resolve(Func<string, string?> resolve) => this with { SourceGroup = SubOrNull(SourceGroup, resolve) };

    public override IEnumerable<string> ReferencedIds() => Refs(SourceGroup);
}
