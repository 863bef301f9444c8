using Reconciler.Model.Validation;

namespace Reconciler.Model.Kinds;

/// <summary>The rules of <c>spec.network</c>: the VPC block, then its subnets and NAT gateway.</summary>
internal static class VpcChecks
{
    /// <summary>Checks the network; returns its subnets by name, for the kinds that name them.</summary>
    public static Dictionary<string, SubnetSpec> Check(SpecChecker c)
    {
        if (c.Spec.Network is not { } network)
        {
            var needs = c.Spec.SecurityGroups.Count + c.Spec.Hosts.Count + c.Spec.Databases.Count + c.Spec.LoadBalancers.Count;
            if (needs > 0)
            {
                c.Error("spec", "security groups, hosts, databases and load balancers need spec.network");
            }

            return new Dictionary<string, SubnetSpec>(StringComparer.Ordinal);
        }

        Ipv4Cidr? vpc = null;
        if (network.Cidr.Length > 0)
        {
            // A VPC block is between /16 (65,536 addresses) and /28 (16) (Amazon VPC User Guide and FAQs, "VPC CIDR blocks").
            if (!Ipv4Cidr.TryParse(network.Cidr, out var parsed, out var error))
            {
                c.Error("spec.network.cidr", error);
            }
            else if (parsed.Prefix is < 16 or > 28)
            {
                c.Error("spec.network.cidr", $"a VPC block must be between /16 and /28, not /{parsed.Prefix}");
            }
            else
            {
                vpc = parsed;
            }
        }

        var subnets = SubnetChecks.Check(c, network, vpc);
        NatGatewayChecks.Check(c, network, subnets);
        return subnets;
    }
}
