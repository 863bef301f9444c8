using System.Text.Json.Serialization;

namespace Reconciler.Aws.Acm;

internal sealed record DescribeCertificateResponse([property: JsonPropertyName("Certificate")] CertificateDetail Certificate);
