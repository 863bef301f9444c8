using Reconciler.Security;

namespace Reconciler.Kinds;

/// <summary>The IAM actions the s3-bucket provider calls (S3's action names); CreateBucket with tags needs s3:TagResource too.</summary>
internal static class BucketPermissions
{
    public static KindPermissions Value { get; } = new(
        [
            "tag:GetResources", "s3:ListAllMyBuckets", "s3:GetBucketTagging", "s3:GetBucketVersioning", "s3:GetBucketPublicAccessBlock", "s3:GetEncryptionConfiguration",
            "s3:CreateBucket", "s3:PutBucketTagging", "s3:PutBucketPublicAccessBlock", "s3:PutEncryptionConfiguration", "s3:PutBucketVersioning",
            "s3:DeleteBucket",
        ],
        ["s3:TagResource"]);
}
