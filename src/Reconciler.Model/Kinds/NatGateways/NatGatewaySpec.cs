using Reconciler.Model.Loading;

namespace Reconciler.Model.Kinds;

internal sealed record NatGatewaySpec(string Subnet)
{
    /// <summary>Reads <c>spec.network.natGateway</c>: the public subnet it goes in.</summary>
    public static NatGatewaySpec Bind(MappingReader r) => new(r.Required("subnet"));
}
