using Reconciler.Model.Spec;

namespace Reconciler.Model.Graph;

/// <summary>
/// The canonical text of a security group rule, the same for a spec rule and an observed AWS permission:
/// <c>tcp:443-443:0.0.0.0/0</c>, <c>tcp:5432-5432:sg:sg-0abc</c>, <c>-1:all:0.0.0.0/0</c>.
/// </summary>
internal static class SecurityRules
{
    public const string AllowAllEgress = "-1:all:0.0.0.0/0";

    public static string Canonical(string protocol, int? from, int? to, string target)
    {
        var proto = protocol switch
        {
            "all" or "-1" => "-1",
            "6" => "tcp",
            "17" => "udp",
            "1" => "icmp",
            _ => protocol.ToLowerInvariant(),
        };
        if (proto == "-1")
        {
            return $"-1:all:{target}";
        }

        var start = from ?? 0;
        return $"{proto}:{start}-{to ?? start}:{target}";
    }

    public static string GroupTarget(string groupIdOrReference) => "sg:" + groupIdOrReference;

    public static string FromSpec(RuleSpec rule) =>
        Canonical(rule.Protocol, rule.Port, rule.ToPort ?? rule.Port,
            rule.Cidr ?? GroupTarget(References.To($"{ResourceKinds.SecurityGroup.Name}/{rule.Source}")));

    /// <summary>Splits a canonical rule back into its parts for the API call.</summary>
    public static (string Protocol, int From, int To, string? Cidr, string? GroupId) Parse(string rule)
    {
        var parts = rule.Split(':', 3);
        var target = parts[2];
        string? cidr = target.StartsWith("sg:", StringComparison.Ordinal) ? null : target;
        string? group = cidr is null ? target[3..] : null;
        if (parts[0] == "-1")
        {
            return ("-1", -1, -1, cidr, group);
        }

        var range = parts[1].Split('-', 2);
        if (range[0].Length == 0)
        {
            // a negative icmp type: "-1--1"
            range = parts[1][1..].Split('-', 2);
            range[0] = "-" + range[0];
        }

        return (parts[0], int.Parse(range[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(range[1], System.Globalization.CultureInfo.InvariantCulture), cidr, group);
    }
}
