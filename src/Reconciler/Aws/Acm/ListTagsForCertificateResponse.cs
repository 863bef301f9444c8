using System.Text.Json.Serialization;

namespace Reconciler.Aws.Acm;

internal sealed record ListTagsForCertificateResponse([property: JsonPropertyName("Tags")] IReadOnlyList<AcmTag>? Tags);
