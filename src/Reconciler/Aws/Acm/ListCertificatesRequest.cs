using System.Text.Json.Serialization;

namespace Reconciler.Aws.Acm;

internal sealed record ListCertificatesRequest(
    [property: JsonPropertyName("NextToken")] string? NextToken,
    [property: JsonPropertyName("MaxItems")] int? MaxItems);
