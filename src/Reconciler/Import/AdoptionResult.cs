namespace Reconciler.Import;

/// <summary>The outcome of every target of one adoption, in the order given, with the three lists the report prints.</summary>
internal sealed record AdoptionResult(IReadOnlyList<AdoptionOutcome> Outcomes)
{
    public IReadOnlyList<AdoptionOutcome> Adopted => [.. Outcomes.Where(o => o.Status == AdoptionStatus.Adopted)];

    public IReadOnlyList<AdoptionOutcome> AlreadyOurs => [.. Outcomes.Where(o => o.Status is AdoptionStatus.AlreadyOurs or AdoptionStatus.Shared)];

    /// <summary>ARNs of adopted resources the Tagging API did not list yet when adoption stopped waiting (<see cref="AdoptionListing"/>).</summary>
    public IReadOnlyList<string> Unlisted { get; init; } = [];

    public IReadOnlyList<AdoptionOutcome> Refused => [.. Outcomes.Where(o => o.Status == AdoptionStatus.Refused)];
}
