using Reconciler.Model.Validation;

namespace Reconciler.Model.Kinds;

/// <summary>The rules of <c>spec.network.natGateway</c>: it names a public subnet.</summary>
internal static class NatGatewayChecks
{
    public static void Check(SpecChecker c, NetworkSpec network, Dictionary<string, SubnetSpec> subnets)
    {
        if (network.NatGateway is not { } nat)
        {
            return;
        }

        c.Reference("spec.network.natGateway.subnet", nat.Subnet, subnets.Keys.ToHashSet(StringComparer.Ordinal), "subnet");
        if (subnets.TryGetValue(nat.Subnet, out var natSubnet) && !natSubnet.Public)
        {
            c.Error("spec.network.natGateway.subnet", $"the NAT gateway must be in a public subnet; '{nat.Subnet}' is private");
        }
    }
}
