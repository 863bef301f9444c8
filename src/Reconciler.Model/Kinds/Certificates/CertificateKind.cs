using Reconciler.Model.Graph;

namespace Reconciler.Model.Kinds;

/// <summary>
/// The certificate kind: an ACM certificate validated through DNS in the environment's zone. Domain, alternative names
/// and validation method are fixed by RequestCertificate (ACM API reference): a change requests a new certificate.
/// </summary>
internal static class CertificateKind
{
    public const string Domain = "domain";
    public const string AlternativeNames = "alternativeNames";
    public const string Validation = "validation";
    public const string Zone = "zone";
    public const string ValidationRecords = "validationRecords";

    /// <summary>The value of <see cref="ValidationRecords"/> when ACM's validation CNAMEs are all in the zone.</summary>
    public const string Present = "present";

    public static ResourceKind Kind { get; } = ResourceKind.Define("certificate", 10,
        "An ACM certificate (`spec.certificates[]`) validated through DNS records in `spec.dns.zone`; the AWS id is its ARN.",
        [
            new(Domain, "the domain name, lower case, no trailing dot", ForcesReplacement: true),
            new(AlternativeNames, "the other names it covers", ForcesReplacement: true),
            new(Validation, "the validation method (dns)", ForcesReplacement: true),
            new(Zone, "the hosted zone its validation records are written in"),
            new(ValidationRecords, "`present` when ACM's validation CNAMEs are in the zone, else which are missing"),
        ]);
}
