using System.Text.Json.Serialization;

namespace Reconciler.Aws.Acm;

internal sealed record CertificateSummary(
    [property: JsonPropertyName("CertificateArn")] string CertificateArn,
    [property: JsonPropertyName("DomainName")] string? DomainName,
    [property: JsonPropertyName("Status")] string? Status);
