using System.Text.Json.Serialization;

namespace Reconciler.Aws.Acm;

internal sealed record RequestCertificateResponse([property: JsonPropertyName("CertificateArn")] string CertificateArn);
