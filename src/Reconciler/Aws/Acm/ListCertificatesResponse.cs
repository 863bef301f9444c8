using System.Text.Json.Serialization;

namespace Reconciler.Aws.Acm;

internal sealed record ListCertificatesResponse(
    [property: JsonPropertyName("CertificateSummaryList")] IReadOnlyList<CertificateSummary>? CertificateSummaryList,
    [property: JsonPropertyName("NextToken")] string? NextToken);
