using Reconciler.Model.Loading;

namespace Reconciler.Model.Kinds;

internal sealed record CertificateSpec(string Name, string Domain, string Validation, IReadOnlyList<string> AlternativeNames)
{
    /// <summary>Reads one entry of <c>spec.certificates</c>; DNS is the only validation offered.</summary>
    public static CertificateSpec Bind(MappingReader r) => new(
        r.Required("name"),
        r.Required("domain"),
        r.Choice("validation", ["dns"]) ?? "dns",
        r.StringList("alternativeNames"));
}
