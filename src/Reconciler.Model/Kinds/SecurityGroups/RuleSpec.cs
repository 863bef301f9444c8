using Reconciler.Model.Loading;

namespace Reconciler.Model.Kinds;

/// <summary>One security group rule: a protocol, a port range and exactly one of a CIDR or a source group.</summary>
internal sealed record RuleSpec(string Protocol, int? Port, int? ToPort, string? Cidr, string? Source)
{
    private static readonly string[] Protocols = ["tcp", "udp", "icmp", "all"];

    /// <summary>Reads one rule; ICMP ports are a type and a code, where -1 means all.</summary>
    public static RuleSpec Bind(MappingReader r)
    {
        var protocol = r.Choice("protocol", Protocols, required: true) ?? "tcp";
        var port = r.Int("port", required: protocol != "all", min: protocol == "icmp" ? -1 : 0, max: 65535);
        var toPort = r.Int("toPort", min: protocol == "icmp" ? -1 : 0, max: 65535);
        var cidr = r.String("cidr");
        var source = r.String("source");
        if ((cidr is null) == (source is null))
        {
            r.Context.Error(r.Mark, r.Path, "give exactly one of cidr or source");
        }

        if (port is { } from && toPort is { } to && to < from)
        {
            r.Error("toPort", $"toPort {to} is below port {from}");
        }

        return new RuleSpec(protocol, port, toPort, cidr, source);
    }
}
