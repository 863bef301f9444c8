using Reconciler.Model.Validation;

namespace Reconciler.Model.Kinds;

/// <summary>The rules of <c>spec.network.subnets</c>: names, zones of the region, blocks inside the VPC's and apart.</summary>
internal static class SubnetChecks
{
    public static Dictionary<string, SubnetSpec> Check(SpecChecker c, NetworkSpec network, Ipv4Cidr? vpc)
    {
        var result = new Dictionary<string, SubnetSpec>(StringComparer.Ordinal);
        var region = c.Spec.Region;
        c.Unique(network.Subnets.Select(s => s.Name), "spec.network.subnets", "subnet");
        var blocks = new List<(Ipv4Cidr Cidr, int Index)>();
        for (var i = 0; i < network.Subnets.Count; i++)
        {
            var subnet = network.Subnets[i];
            var path = $"spec.network.subnets[{i}]";
            c.CheckLogicalName(path + ".name", subnet.Name);
            result.TryAdd(subnet.Name, subnet);
            if (subnet.Zone.Length > 0 && region.Length > 0 &&
                !(subnet.Zone.StartsWith(region, StringComparison.Ordinal) && subnet.Zone.Length == region.Length + 1 && char.IsAsciiLetterLower(subnet.Zone[^1])))
            {
                c.Error(path + ".zone", $"'{subnet.Zone}' is not an availability zone of {region} (e.g. {region}a)");
            }

            if (subnet.Public && !network.InternetGateway)
            {
                c.Error(path + ".public", "a public subnet needs spec.network.internetGateway: true");
            }

            if (subnet.Cidr.Length == 0)
            {
                continue;
            }

            if (!Ipv4Cidr.TryParse(subnet.Cidr, out var block, out var cidrError))
            {
                c.Error(path + ".cidr", cidrError);
                continue;
            }

            if (block.Prefix is < 16 or > 28)
            {
                c.Error(path + ".cidr", $"a subnet block must be between /16 and /28, not /{block.Prefix}");
            }

            if (vpc is { } v && !v.Contains(block))
            {
                c.Error(path + ".cidr", $"{block} is outside the VPC's {v}");
            }

            foreach (var (other, j) in blocks)
            {
                if (other.Overlaps(block))
                {
                    c.Error(path + ".cidr", $"{block} overlaps subnet '{network.Subnets[j].Name}' ({other})");
                    break;
                }
            }

            blocks.Add((block, i));
        }

        return result;
    }
}
