namespace Reconciler.Engine;

internal enum StepOutcome
{
    Succeeded,
    Failed,

    /// <summary>Not attempted: a dependency failed, or the step needs a human (blocked, conflict).</summary>
    Skipped,
}
