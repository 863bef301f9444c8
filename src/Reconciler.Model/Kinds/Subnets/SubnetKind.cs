using Reconciler.Model.Graph;

namespace Reconciler.Model.Kinds;

/// <summary>
/// The subnet kind. VPC, CIDR block and zone are fixed by CreateSubnet; MapPublicIpOnLaunch changes in place with
/// ModifySubnetAttribute (EC2 API reference).
/// </summary>
internal static class SubnetKind
{
    public const string Vpc = "vpc";
    public const string Cidr = "cidr";
    public const string Zone = "zone";
    public const string MapPublicIpOnLaunch = "mapPublicIpOnLaunch";

    public static ResourceKind Kind { get; } = ResourceKind.Define("subnet", 20,
        "A subnet of the VPC (`spec.network.subnets[]`); public ones route through the internet gateway, private ones through the NAT gateway.",
        [
            new(Vpc, "the environment's VPC", ForcesReplacement: true),
            new(Cidr, "the subnet's IPv4 block, inside the VPC's", ForcesReplacement: true),
            new(Zone, "the availability zone", ForcesReplacement: true),
            new(MapPublicIpOnLaunch, "public IPs on launch; always false (hosts that need one get an Elastic IP)"),
        ]);
}
