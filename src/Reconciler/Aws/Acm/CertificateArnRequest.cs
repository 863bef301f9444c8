using System.Text.Json.Serialization;

namespace Reconciler.Aws.Acm;

/// <summary>The input of DescribeCertificate, ListTagsForCertificate and DeleteCertificate: the certificate's ARN alone.</summary>
internal sealed record CertificateArnRequest([property: JsonPropertyName("CertificateArn")] string CertificateArn);
