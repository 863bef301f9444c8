namespace Reconciler.Controller;

/// <summary>How a reconcile of one environment ended, which decides what the queue does with it.</summary>
internal enum ReconcileOutcome
{
    /// <summary>Nothing left to do now: the backoff is reset and the environment comes back at its resync.</summary>
    Done,

    /// <summary>Something is not ready yet (a database creating, a rollout): the backoff is reset, it comes back after the wait.</summary>
    Requeue,

    /// <summary>A failure: a retryable one backs off exponentially; a terminal one comes back when its hold ends (or sooner for a wait).</summary>
    Failed,

    /// <summary>The environment is gone (its spec and, on prune, its resources): its status is removed and it is not queued again.</summary>
    Gone,

    /// <summary>The lease was lost mid-pass: nothing is published and the new holder reconciles it.</summary>
    Abandoned,
}
