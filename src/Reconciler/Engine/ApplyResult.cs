using Reconciler.Model.Planning;

namespace Reconciler.Engine;

/// <summary>The outcome of an apply: every step of every pass, and the plan observed at the end.</summary>
internal sealed record ApplyResult(string Environment, IReadOnlyList<StepResult> Steps, Plan FinalPlan, int Passes)
{
    public bool Converged => !FinalPlan.HasChanges && Failed.Count == 0 && !FinalPlan.Steps.Any(s => s.Action is PlanAction.Blocked or PlanAction.Conflict);

    public IReadOnlyList<StepResult> Failed => Steps.Where(s => s.Outcome == StepOutcome.Failed).ToList();
}
