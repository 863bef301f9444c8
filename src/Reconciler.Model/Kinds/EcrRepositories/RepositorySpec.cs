namespace Reconciler.Model.Kinds;

internal sealed record RepositorySpec(string Name, bool ScanOnPush, bool ImmutableTags, bool AllowDeletionWithImages);
