using Reconciler.Model.Loading;

namespace Reconciler.Model.Kinds;

/// <summary><c>spec.network</c>: the VPC, its subnets, and optionally an internet gateway and a NAT gateway.</summary>
internal sealed record NetworkSpec(string Cidr, IReadOnlyList<SubnetSpec> Subnets, bool InternetGateway, NatGatewaySpec? NatGateway)
{
    /// <summary>Reads <c>spec.network</c>; no internet gateway and no NAT gateway unless asked for.</summary>
    public static NetworkSpec Bind(MappingReader r) => new(
        r.Required("cidr"),
        r.Objects("subnets", SubnetSpec.Bind, required: true),
        r.Bool("internetGateway") ?? false,
        r.Object("natGateway", NatGatewaySpec.Bind));
}
