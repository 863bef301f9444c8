using System.Text.RegularExpressions;
using Reconciler.Model.Spec;
using Reconciler.Model.Validation;

namespace Reconciler.Model.Kinds;

/// <summary>The rules of <c>spec.loadBalancers</c>, with those of their target groups and listeners.</summary>
internal static partial class LoadBalancerChecks
{
    // ELBv2 API reference, CreateLoadBalancer / CreateTargetGroup Name: "a maximum of 32 characters, must contain only
    // alphanumeric characters or hyphens, must not begin or end with a hyphen" (the length is checked apart).
    [GeneratedRegex("^[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$")]
    internal static partial Regex ElbName();

    /// <summary>Checks every load balancer; returns the names of all target groups, for the services that bind to them.</summary>
    public static HashSet<string> Check(SpecChecker c, Dictionary<string, SubnetSpec> subnets, HashSet<string> groups, HashSet<string> certificates)
    {
        var spec = c.Spec;
        var targetGroups = new HashSet<string>(spec.LoadBalancers.SelectMany(l => l.TargetGroups.Select(t => t.Name)), StringComparer.Ordinal);
        var seenTargetGroups = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < spec.LoadBalancers.Count; i++)
        {
            var lb = spec.LoadBalancers[i];
            var path = $"spec.loadBalancers[{i}]";
            c.CheckLogicalName(path + ".name", lb.Name);
            c.PhysicalName(path + ".name", lb.Name, ElbName(), 32, "load balancer");
            if (lb.Name.Length > 0 && c.Environment.Length > 0 && PhysicalNames.For(c.Environment, lb.Name).StartsWith("internal-", StringComparison.OrdinalIgnoreCase))
            {
                // CreateLoadBalancer Name "must not begin with \"internal-\"" (ELBv2 API reference): AWS answers ValidationError.
                c.Error(path + ".name", $"the load balancer name '{PhysicalNames.For(c.Environment, lb.Name)}' (environment-name) breaks AWS's rule: it must not begin with 'internal-'");
            }

            c.CheckSubnetRefs(path + ".subnets", lb.Subnets, subnets);
            c.CheckGroupRefs(path + ".securityGroups", lb.SecurityGroups, groups);
            if (lb.Subnets.All(subnets.ContainsKey) && c.Zones(lb.Subnets, subnets) < 2)
            {
                c.Error(path + ".subnets", "an application load balancer must span at least two availability zones");
            }

            if (lb.Scheme == "internet-facing" && lb.Subnets.Any(s => subnets.TryGetValue(s, out var subnet) && !subnet.Public))
            {
                c.Error(path + ".subnets", "an internet-facing load balancer must be in public subnets");
            }

            for (var t = 0; t < lb.TargetGroups.Count; t++)
            {
                TargetGroupChecks.Check(c, $"{path}.targetGroups[{t}]", lb.TargetGroups[t], seenTargetGroups);
            }

            ListenerChecks.Check(c, path, lb, certificates);
        }

        return targetGroups;
    }
}
