using System.Text.RegularExpressions;
using Reconciler.Model.Spec;
using Reconciler.Model.Validation;

namespace Reconciler.Model.Kinds;

/// <summary>The rules of <c>spec.hosts</c>.</summary>
internal static partial class InstanceChecks
{
    [GeneratedRegex("^ami-[0-9a-f]{8,17}$")]
    private static partial Regex AmiId();

    [GeneratedRegex(@"^[a-z][a-z0-9-]*\.[a-z0-9]+$")]
    private static partial Regex InstanceType();

    public static void Check(SpecChecker c, Dictionary<string, SubnetSpec> subnets, HashSet<string> groups, HashSet<string> clusters)
    {
        var hosts = c.Spec.Hosts;
        c.Unique(hosts.Select(h => h.Name), "spec.hosts", "host group");
        for (var i = 0; i < hosts.Count; i++)
        {
            var host = hosts[i];
            var path = $"spec.hosts[{i}]";
            c.CheckLogicalName(path + ".name", host.Name);
            c.CheckSubnetRefs(path + ".subnets", host.Subnets, subnets);
            if (host.Count > 0 && host.Subnets.Count == 0)
            {
                c.Error(path + ".subnets", "name at least one subnet to place the hosts in");
            }

            c.CheckGroupRefs(path + ".securityGroups", host.SecurityGroups, groups);
            c.Reference(path + ".cluster", host.Cluster, clusters, "cluster");
            if (host.InstanceProfile is { } profile && !SpecChecker.IamName().IsMatch(profile))
            {
                c.Error(path + ".instanceProfile", $"'{profile}' is not an IAM name (1-64 of letters, digits and + = , . @ _ -)");
            }

            if (host.Image != InstanceKind.EcsOptimized && !AmiId().IsMatch(host.Image))
            {
                c.Error(path + ".image", $"'{host.Image}' is neither ecs-optimized nor an AMI id (ami-...)");
            }

            if (host.InstanceType.Length > 0 && !InstanceType().IsMatch(host.InstanceType))
            {
                c.Error(path + ".instanceType", $"'{host.InstanceType}' is not an instance type (e.g. t3.small)");
            }

            if (host.ElasticIp && host.Subnets.Any(s => subnets.TryGetValue(s, out var subnet) && !subnet.Public))
            {
                c.Error(path + ".elasticIp", "an Elastic IP is reachable only in a public subnet");
            }
        }
    }
}
