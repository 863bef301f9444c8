namespace Reconciler.Model.Spec;

internal sealed record CertificateSpec(string Name, string Domain, string Validation, IReadOnlyList<string> AlternativeNames);
