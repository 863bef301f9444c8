using System.Text.Json.Serialization;

namespace Reconciler.Aws.Acm;

/// <summary>
/// A public certificate. <see cref="IdempotencyToken"/> (at most 32 word characters) makes a retried request within an
/// hour return the same certificate; <see cref="Tags"/> are set in the request itself, so no untagged orphan can exist.
/// </summary>
internal sealed record RequestCertificateRequest(
    [property: JsonPropertyName("DomainName")] string DomainName,
    [property: JsonPropertyName("ValidationMethod")] string ValidationMethod,
    [property: JsonPropertyName("SubjectAlternativeNames")] IReadOnlyList<string>? SubjectAlternativeNames,
    [property: JsonPropertyName("IdempotencyToken")] string IdempotencyToken,
    [property: JsonPropertyName("Tags")] IReadOnlyList<AcmTag> Tags);
