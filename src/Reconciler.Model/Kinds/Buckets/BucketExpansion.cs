using Reconciler.Model.Graph;

namespace Reconciler.Model.Kinds;

/// <summary>
/// A bucket of the spec. Besides versioning, two settings the spec offers no choice on and the provider enforces:
/// every public access block on, default encryption SSE-S3.
/// </summary>
internal static class BucketExpansion
{
    public static void Add(GraphContext ctx, BucketSpec bucket) =>
        ctx.Add(BucketKind.Kind, bucket.Name,
        [
            (BucketKind.Name, FieldValue.Of(ctx.Physical(BucketKind.Kind, bucket.Name))),
            (BucketKind.Versioning, FieldValue.Of(bucket.Versioning)),
            (BucketKind.PublicAccessBlock, FieldValue.Of(true)),
            (BucketKind.Encryption, FieldValue.Of(BucketKind.SseS3)),
        ]);
}
