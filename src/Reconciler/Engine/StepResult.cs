using Reconciler.Model.Planning;

namespace Reconciler.Engine;

/// <summary>What happened to one plan step. <see cref="Message"/> never holds a secret: specs hold none.</summary>
internal sealed record StepResult(PlanStep Step, StepOutcome Outcome, string? AwsId, string? Message)
{
    /// <summary>For a waiting step: when to look again.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>For a failed step: retrying cannot fix it (access denied, validation, limits): back off long.</summary>
    public bool Terminal { get; init; }
}
