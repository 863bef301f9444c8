using Reconciler.Model.Loading;

namespace Reconciler.Model.Kinds;

internal sealed record SubnetSpec(string Name, string Zone, string Cidr, bool Public)
{
    /// <summary>Reads one entry of <c>spec.network.subnets</c>; private unless <c>public: true</c>.</summary>
    public static SubnetSpec Bind(MappingReader r) => new(r.Required("name"), r.Required("zone"), r.Required("cidr"), r.Bool("public") ?? false);
}
