namespace Reconciler.Model.Spec;

internal sealed record RepositorySpec(string Name, bool ScanOnPush, bool ImmutableTags, bool AllowDeletionWithImages);
