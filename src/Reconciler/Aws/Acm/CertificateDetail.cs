using System.Text.Json.Serialization;

namespace Reconciler.Aws.Acm;

internal sealed record CertificateDetail(
    [property: JsonPropertyName("CertificateArn")] string CertificateArn,
    [property: JsonPropertyName("DomainName")] string DomainName,
    [property: JsonPropertyName("SubjectAlternativeNames")] IReadOnlyList<string>? SubjectAlternativeNames,
    [property: JsonPropertyName("DomainValidationOptions")] IReadOnlyList<DomainValidation>? DomainValidationOptions,
    [property: JsonPropertyName("Status")] string Status,
    [property: JsonPropertyName("FailureReason")] string? FailureReason);
