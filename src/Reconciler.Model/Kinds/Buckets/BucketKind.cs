using Reconciler.Model.Graph;

namespace Reconciler.Model.Kinds;

/// <summary>
/// The s3-bucket kind. The name is fixed by CreateBucket; versioning, the public access block and default encryption
/// change in place (PutBucketVersioning, PutPublicAccessBlock, PutBucketEncryption: S3 API reference). Stateful: a
/// bucket holds data, and one that is not empty is never deleted.
/// </summary>
internal static class BucketKind
{
    public const string Name = "name";
    public const string Versioning = "versioning";
    public const string PublicAccessBlock = "publicAccessBlock";
    public const string Encryption = "encryption";

    /// <summary>SSE-S3, S3's own keys: the ServerSideEncryption value AES256 (S3 API reference, ServerSideEncryptionByDefault).</summary>
    public const string SseS3 = "AES256";

    public static ResourceKind Kind { get; } = ResourceKind.Define("s3-bucket", 5,
        "An S3 bucket of `spec.buckets[]`, named `<environment>-<name>`; the AWS id is its name.",
        [
            new(Name, "`<environment>-<name>`, or the entry's `awsName` as given", ForcesReplacement: true),
            new(Versioning, "versioning enabled (false suspends it: kept versions stay)"),
            new(PublicAccessBlock, "always true: all four public access blocks on"),
            new(Encryption, "always AES256: default encryption SSE-S3"),
        ],
        stateful: true);
}
