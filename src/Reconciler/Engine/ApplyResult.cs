using Reconciler.Model.Planning;

namespace Reconciler.Engine;

/// <summary>The outcome of an apply: every step of every pass, and the plan observed at the end.</summary>
internal sealed record ApplyResult(string Environment, IReadOnlyList<StepResult> Steps, Plan FinalPlan, int Passes)
{
    public bool Converged => !FinalPlan.HasChanges && Failed.Count == 0 && !FinalPlan.Steps.Any(s => s.Action is PlanAction.Blocked or PlanAction.Conflict);

    public IReadOnlyList<StepResult> Failed => Steps.Where(s => s.Outcome == StepOutcome.Failed).ToList();

    /// <summary>Steps still waiting when the apply stopped (their last word on what they wait for).</summary>
    public IReadOnlyList<StepResult> Waiting => Steps.Where(s => s.Outcome == StepOutcome.Waiting)
        .GroupBy(s => s.Step.LogicalId).Select(g => g.Last())
        .Where(s => FinalPlan.Steps.Any(p => p.LogicalId == s.Step.LogicalId && p.IsChange)).ToList();
}
