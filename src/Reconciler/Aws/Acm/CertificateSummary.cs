using System.Text.Json.Serialization;

namespace Reconciler.Aws.Acm;

/// <summary>
/// One entry of ListCertificates. <see cref="SubjectAlternativeNameSummaries"/> holds the first names of the certificate
/// besides its domain (ACM API reference, CertificateSummary: at most 100, with
/// <see cref="HasAdditionalSubjectAlternativeNames"/> set when there are more); moto leaves it out, so it is optional.
/// </summary>
internal sealed record CertificateSummary(
    [property: JsonPropertyName("CertificateArn")] string CertificateArn,
    [property: JsonPropertyName("DomainName")] string? DomainName,
    [property: JsonPropertyName("Status")] string? Status,
    [property: JsonPropertyName("SubjectAlternativeNameSummaries")] IReadOnlyList<string>? SubjectAlternativeNameSummaries = null,
    [property: JsonPropertyName("HasAdditionalSubjectAlternativeNames")] bool HasAdditionalSubjectAlternativeNames = false);
