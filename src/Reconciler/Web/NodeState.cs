namespace Reconciler.Web;

/// <summary>What the dashboard says of one resource after a pass; each state has its colour in the graph.</summary>
internal enum NodeState
{
    /// <summary>Observed and equal to the spec.</summary>
    InSync,

    /// <summary>Differs from the spec and was left so (detect mode): the fields show desired against actual.</summary>
    Drifted,

    /// <summary>Being created, updated, replaced or deleted: the step ran and AWS has not settled yet.</summary>
    Changing,

    /// <summary>Waiting for something (a dependency not ready, a database still creating): the detail says what.</summary>
    Waiting,

    /// <summary>The step failed, or is held back after a failure retrying cannot fix: the detail is the error.</summary>
    Failed,

    /// <summary>Refused or left for a human (a stateful replacement without opt-in, a conflict, a blocked dependency).</summary>
    Blocked,

    /// <summary>Owned by the environment but no longer in its spec, and the environment does not prune.</summary>
    Orphaned,

    /// <summary>A kind this build does not manage: shown, never touched.</summary>
    Unmanaged,
}
