using System.Text.RegularExpressions;
using Reconciler.Model.Validation;

namespace Reconciler.Model.Kinds;

/// <summary>The rules of <c>spec.securityGroups</c>: names, description length, rules (targets, duplicates, open sensitive ports).</summary>
internal static partial class SecurityGroupChecks
{
    private static readonly int[] SensitivePorts = [22, 3389, 5432, 3306, 1433, 6379, 27017];

    // Stricter than CreateSecurityGroup's GroupName (up to 255 of a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$*):
    // the physical name is also the Name tag and log text, so it keeps to the logical-name characters.
    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9-]*$")]
    private static partial Regex GroupName();

    public static void Check(SpecChecker c, HashSet<string> groups)
    {
        c.UniquePhysicalNames(c.Spec.SecurityGroups.Select((g, i) => ($"spec.securityGroups[{i}].name", g.Name, g.AwsName)), "security group");
        for (var i = 0; i < c.Spec.SecurityGroups.Count; i++)
        {
            var group = c.Spec.SecurityGroups[i];
            var path = $"spec.securityGroups[{i}]";
            c.CheckLogicalName(path + ".name", group.Name);
            c.PhysicalName(path + ".name", group.Name, group.AwsName, GroupName(), 255, "security group");
            if (group.Description.Length > 255)
            {
                c.Error(path + ".description", "at most 255 characters");
            }

            CheckRules(c, path + ".ingress", group.Ingress, groups, ingress: true);
            if (group.Egress is { } egress)
            {
                CheckRules(c, path + ".egress", egress, groups, ingress: false);
            }
        }
    }

    private static void CheckRules(SpecChecker c, string listPath, IReadOnlyList<RuleSpec> rules, HashSet<string> groups, bool ingress)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            var path = $"{listPath}[{i}]";
            c.Reference(path + ".source", rule.Source, groups, "security group");
            if (rule.Cidr is { } cidr)
            {
                if (!Ipv4Cidr.TryParse(cidr, out _, out var error))
                {
                    c.Error(path + ".cidr", error);
                }
                else if (ingress && cidr == "0.0.0.0/0" && IsSensitivePort(rule))
                {
                    c.Warn(path, $"port {rule.Port} is open to the whole internet (0.0.0.0/0); narrow the cidr or use a source group");
                }
            }

            var key = $"{rule.Protocol}|{rule.Port}|{rule.ToPort ?? rule.Port}|{rule.Cidr}|{rule.Source}";
            if (!seen.Add(key))
            {
                c.Error(path, "the same rule is listed twice");
            }
        }
    }

    private static bool IsSensitivePort(RuleSpec rule)
    {
        if (rule.Protocol == "all")
        {
            return true;
        }

        var from = rule.Port ?? 0;
        var to = rule.ToPort ?? from;
        return rule.Protocol == "tcp" && SensitivePorts.Any(p => p >= from && p <= to);
    }
}
