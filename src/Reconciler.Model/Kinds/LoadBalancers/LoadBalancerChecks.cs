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
            c.PhysicalName(path + ".name", lb.Name, lb.AwsName, ElbName(), 32, "load balancer");
            if (lb.AwsName is not null || (lb.Name.Length > 0 && c.Environment.Length > 0))
            {
                // CreateLoadBalancer Name "must not begin with \"internal-\"" (ELBv2 API reference): AWS answers ValidationError.
                var physical = c.Physical(lb.Name, lb.AwsName);
                if (physical.StartsWith("internal-", StringComparison.OrdinalIgnoreCase))
                {
                    c.Error(lb.AwsName is null ? path + ".name" : path + ".awsName", $"the load balancer name '{physical}'{(lb.AwsName is null ? " (environment-name)" : string.Empty)} breaks AWS's rule: it must not begin with 'internal-'");
                }
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

        c.UniquePhysicalNames(spec.LoadBalancers.Select((l, i) => ($"spec.loadBalancers[{i}].name", l.Name, l.AwsName)), "load balancer");
        c.UniquePhysicalNames(spec.LoadBalancers.SelectMany((l, i) => l.TargetGroups.Select((t, j) => ($"spec.loadBalancers[{i}].targetGroups[{j}].name", t.Name, t.AwsName))), "target group");
        return targetGroups;
    }
}
