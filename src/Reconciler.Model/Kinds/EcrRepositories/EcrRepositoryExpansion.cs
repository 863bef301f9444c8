using Reconciler.Model.Graph;

namespace Reconciler.Model.Kinds;

/// <summary>A repository of the spec; its allowDeletionWithImages is the node's replacement opt-in.</summary>
internal static class EcrRepositoryExpansion
{
    public static void Add(GraphContext ctx, RepositorySpec repo) =>
        ctx.Add(EcrRepositoryKind.Kind, repo.Name,
        [
            (EcrRepositoryKind.Name, FieldValue.Of(ctx.Physical(EcrRepositoryKind.Kind, repo.Name))),
            (EcrRepositoryKind.ScanOnPush, FieldValue.Of(repo.ScanOnPush)),
            (EcrRepositoryKind.TagMutability, FieldValue.Of(repo.ImmutableTags ? EcrRepositoryKind.Immutable : EcrRepositoryKind.Mutable)),
        ], allowReplacement: repo.AllowDeletionWithImages);
}
