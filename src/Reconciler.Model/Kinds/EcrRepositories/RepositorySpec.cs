using Reconciler.Model.Loading;

namespace Reconciler.Model.Kinds;

internal sealed record RepositorySpec(string Name, bool ScanOnPush, bool ImmutableTags, bool AllowDeletionWithImages, string? AwsName = null)
{
    /// <summary>Reads one entry of <c>repositories</c>: scan on push, mutable tags, never deleted with its images unless told.</summary>
    public static RepositorySpec Bind(MappingReader r) => new(
        r.Required("name"),
        r.Bool("scanOnPush") ?? true,
        r.Bool("immutableTags") ?? false,
        r.Bool("allowDeletionWithImages") ?? false,
        r.String("awsName"));
}
