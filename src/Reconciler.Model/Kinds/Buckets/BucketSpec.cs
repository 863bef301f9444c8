using Reconciler.Model.Loading;

namespace Reconciler.Model.Kinds;

/// <summary>An S3 bucket named <c>&lt;environment&gt;-&lt;name&gt;</c>: private, encrypted by default, versioned unless told otherwise.</summary>
internal sealed record BucketSpec(string Name, bool Versioning, string? AwsName = null)
{
    /// <summary>Reads one entry of <c>buckets</c>.</summary>
    public static BucketSpec Bind(MappingReader r) => new(r.Required("name"), r.Bool("versioning") ?? true, r.String("awsName"));
}
