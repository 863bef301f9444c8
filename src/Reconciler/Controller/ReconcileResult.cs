using Reconciler.Engine;
using Reconciler.Model.Planning;

namespace Reconciler.Controller;

/// <summary>
/// What one reconcile of an environment asks of the controller, in the manner of controller-runtime's
/// <c>reconcile.Result</c>: the <see cref="Outcome"/>, when to look again (<see cref="After"/>, controller-runtime's
/// RequeueAfter), and what to report (<see cref="Status"/> to publish, <see cref="Drift"/> and <see cref="State"/> for
/// the metrics). The controller maps it to the queue in one place; the reconciler never touches the queue.
/// </summary>
internal sealed record ReconcileResult(ReconcileOutcome Outcome)
{
    /// <summary>
    /// When to look again: the resync (<see cref="ReconcileOutcome.Done"/>), the soonest wait
    /// (<see cref="ReconcileOutcome.Requeue"/>), the end of a hold (a terminal <see cref="ReconcileOutcome.Failed"/>); null:
    /// the queue's own backoff (a retryable failure) or never (gone, abandoned).
    /// </summary>
    public TimeSpan? After { get; init; }

    /// <summary>For <see cref="ReconcileOutcome.Failed"/>: what failed (never a secret: specs hold none).</summary>
    public string? Error { get; init; }

    /// <summary>For <see cref="ReconcileOutcome.Failed"/>: retrying cannot fix it, so it is held, not backed off.</summary>
    public bool Terminal { get; init; }

    /// <summary>The pass's one-word result ("in sync", "repaired", "failed", "destroyed"...) for the metrics; null: nothing to count.</summary>
    public string? State { get; init; }

    public TimeSpan Duration { get; init; }

    public IReadOnlyList<DriftRecord> Drift { get; init; } = [];

    /// <summary>The status to publish; null: leave the published one as it is (or remove it, when <see cref="ReconcileOutcome.Gone"/>).</summary>
    public EnvironmentStatus? Status { get; init; }

    /// <summary>The plan observed at the end of the pass (after an apply: what is left to do); null when the pass planned nothing. For the dashboard.</summary>
    public Plan? Plan { get; init; }

    /// <summary>What the apply of the pass did, step by step (waits, failures, holds); null when nothing was applied. For the dashboard.</summary>
    public ApplyResult? Applied { get; init; }

    public static ReconcileResult Done(TimeSpan resyncAfter) => new(ReconcileOutcome.Done) { After = resyncAfter };

    public static ReconcileResult RequeueAfter(TimeSpan after) => new(ReconcileOutcome.Requeue) { After = after };

    /// <param name="retryAfter">For a terminal failure: when its hold ends, or a sooner wait of the rest of the environment.</param>
    public static ReconcileResult Failed(string error, bool terminal, TimeSpan? retryAfter = null) =>
        new(ReconcileOutcome.Failed) { Error = error, Terminal = terminal, After = terminal ? retryAfter : null };

    public static ReconcileResult Gone { get; } = new(ReconcileOutcome.Gone);

    public static ReconcileResult Abandoned { get; } = new(ReconcileOutcome.Abandoned);
}
