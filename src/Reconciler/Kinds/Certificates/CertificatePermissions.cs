using Reconciler.Security;

namespace Reconciler.Kinds;

/// <summary>The IAM actions the certificate provider calls: ACM, and Route53 for its validation records.</summary>
internal static class CertificatePermissions
{
    public static KindPermissions Value { get; } = new(
    [
        "tag:GetResources", "acm:ListCertificates", "acm:DescribeCertificate", "acm:ListTagsForCertificate", "acm:RequestCertificate", "acm:AddTagsToCertificate",
        "acm:DeleteCertificate",
        "route53:ListHostedZonesByName", "route53:GetHostedZone", "route53:ListResourceRecordSets", "route53:ChangeResourceRecordSets",
    ]);
}
