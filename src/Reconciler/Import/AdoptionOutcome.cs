namespace Reconciler.Import;

/// <summary>What adoption did with one target and why; <see cref="Owner"/> names the other environment of a refusal for ownership.</summary>
internal sealed record AdoptionOutcome(AdoptionTarget Target, AdoptionStatus Status, string Reason, string? Owner = null);
