using System.Text.Json.Serialization;

namespace Reconciler.Aws.Acm;

internal sealed record AddTagsToCertificateRequest(
    [property: JsonPropertyName("CertificateArn")] string CertificateArn,
    [property: JsonPropertyName("Tags")] IReadOnlyList<AcmTag> Tags);
