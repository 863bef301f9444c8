namespace Reconciler.Model.Planning;

internal enum PlanAction
{
    /// <summary>In sync.</summary>
    NoOp,
    Create,
    Update,

    /// <summary>Delete and create again, because a field cannot change in place.</summary>
    Replace,
    Delete,

    /// <summary>Owned, no longer in the spec, and the environment does not prune: reported, left alone.</summary>
    Orphan,

    /// <summary>Two live resources claim one logical id: reported, never resolved by deleting one.</summary>
    Conflict,

    /// <summary>A replacement or deletion of a stateful resource without its opt-in: refused.</summary>
    Blocked,

    /// <summary>A kind this build does not manage yet.</summary>
    Unsupported,

    /// <summary>
    /// Depends on a resource in conflict or blocked: left as it is until a human resolves that. (Waiting for a resource
    /// that is not ready yet is not a plan action: see <see cref="Readiness"/>.)
    /// </summary>
    BlockedByDependency,
}
