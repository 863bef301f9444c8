namespace Reconciler.Engine;

internal enum StepOutcome
{
    Succeeded,
    Failed,

    /// <summary>Something it needs is not ready yet: the engine comes back later.</summary>
    Waiting,

    /// <summary>Not attempted: a dependency failed, or the step needs a human (blocked, conflict).</summary>
    Skipped,
}
