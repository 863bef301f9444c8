using Reconciler.Model.Planning;

namespace Reconciler.Engine;

/// <summary>
/// The outcome of an apply: every step of every pass, and the plan observed at the end.
/// On destroy, what a deletion policy retains (deletion protection, shared resources) is reported, not a failure.
/// </summary>
internal sealed record ApplyResult(string Environment, IReadOnlyList<StepResult> Steps, Plan FinalPlan, int Passes, bool Destroy = false)
{
    /// <summary>The apply stopped before a pass because the lease check said this replica no longer holds the environment.</summary>
    public bool Fenced { get; init; }

    public bool Converged => !Fenced && !FinalPlan.HasChanges && Failed.Count == 0 &&
                             (Destroy || !FinalPlan.Steps.Any(s => s.Action is PlanAction.Blocked or PlanAction.Conflict));

    /// <summary>When to look again: the soonest wait, or null when nothing waits.</summary>
    public TimeSpan? RequeueAfter => Waiting.Count == 0 ? null : Waiting.Min(w => w.RetryAfter ?? TimeSpan.FromSeconds(10));

    /// <summary>What a destroy kept, and why.</summary>
    public IReadOnlyList<PlanStep> Retained => Destroy ? FinalPlan.Steps.Where(s => s.Action is PlanAction.Blocked or PlanAction.Orphan).ToList() : [];

    public IReadOnlyList<StepResult> Failed => Steps.Where(s => s.Outcome == StepOutcome.Failed).ToList();

    /// <summary>Steps still waiting when the apply stopped (their last word on what they wait for).</summary>
    public IReadOnlyList<StepResult> Waiting => Steps.Where(s => s.Outcome == StepOutcome.Waiting)
        .GroupBy(s => s.Step.LogicalId).Select(g => g.Last())
        .Where(s => FinalPlan.Steps.Any(p => p.LogicalId == s.Step.LogicalId && p.IsChange)).ToList();
}
