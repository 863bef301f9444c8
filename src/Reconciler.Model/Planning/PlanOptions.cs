namespace Reconciler.Model.Planning;

/// <summary>
/// <see cref="Prune"/>: delete owned resources that left the spec. <see cref="Destroy"/>: delete everything owned.
/// <see cref="SelfHosted"/>: the controller runs on this environment's resources: nothing of it is ever deleted or
/// replaced (those steps become <see cref="PlanAction.Blocked"/>, with the reason); creates and in-place updates go on.
/// </summary>
internal sealed record PlanOptions(bool Prune, bool Destroy = false, bool SelfHosted = false);
