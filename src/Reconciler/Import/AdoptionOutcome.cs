namespace Reconciler.Import;

/// <summary>What adoption did with one target and why; <see cref="Owner"/> names the other environment of a refusal for ownership.</summary>
internal sealed record AdoptionOutcome(AdoptionTarget Target, AdoptionStatus Status, string Reason, string? Owner = null)
{
    /// <summary>The id the kind's tagging call takes (an ARN for most kinds), for a target tagged now or before.</summary>
    public string? WriteId { get; init; }
}
