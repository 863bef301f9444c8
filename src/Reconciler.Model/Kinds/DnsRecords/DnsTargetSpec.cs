using Reconciler.Model.Loading;

namespace Reconciler.Model.Kinds;

internal sealed record DnsTargetSpec(string LoadBalancer)
{
    public static DnsTargetSpec Bind(MappingReader r) => new(r.Required("loadBalancer"));
}
