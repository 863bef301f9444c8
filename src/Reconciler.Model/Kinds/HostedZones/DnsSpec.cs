using Reconciler.Model.Loading;

namespace Reconciler.Model.Kinds;

/// <summary><c>spec.dns</c>: the hosted zone and the records the environment owns in it.</summary>
internal sealed record DnsSpec(string Zone, IReadOnlyList<DnsRecordSpec> Records, bool AllowZoneDeletion)
{
    public static DnsSpec Bind(MappingReader r) => new(
        r.Required("zone"),
        r.Objects("records", DnsRecordSpec.Bind),
        r.Bool("allowZoneDeletion") ?? false);
}
