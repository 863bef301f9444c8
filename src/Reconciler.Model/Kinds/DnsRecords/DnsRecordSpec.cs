using Reconciler.Model.Loading;

namespace Reconciler.Model.Kinds;

internal sealed record DnsRecordSpec(string Name, DnsTargetSpec Target)
{
    /// <summary>Reads one entry of <c>spec.dns.records</c>.</summary>
    public static DnsRecordSpec Bind(MappingReader r) => new(
        r.Required("name"),
        r.Object("target", DnsTargetSpec.Bind, required: true) ?? new DnsTargetSpec(string.Empty));
}
