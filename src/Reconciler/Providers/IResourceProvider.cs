using Reconciler.Model.Graph;
using Reconciler.Model.Planning;

namespace Reconciler.Providers;

/// <summary>
/// Reads, creates, updates and deletes one kind of resource. A provider never decides whether to act: the engine
/// does, from the plan. Observation is one tag-filtered, paged listing for all the environments asked about.
/// <paramref name="desired"/> in <see cref="ObserveAsync"/> lists the resources of this kind the specs ask for: kinds
/// that cannot be found by tag (IAM roles used by name, Route53 records) look those up by name; others ignore it.
/// </summary>
internal interface IResourceProvider
{
    ResourceKind Kind { get; }

    Task<IReadOnlyList<ObservedResource>> ObserveAsync(IReadOnlyCollection<string> environments, IReadOnlyCollection<DesiredResource> desired, CancellationToken ct);

    /// <summary>Creates the resource with its tags set in the same call, and returns its id.</summary>
    Task<CreatedResource> CreateAsync(ResolvedResource desired, CancellationToken ct);

    /// <summary>Changes in place exactly the fields listed in <paramref name="changes"/>.</summary>
    Task UpdateAsync(ResolvedResource desired, ObservedResource actual, IReadOnlyList<FieldChange> changes, CancellationToken ct);

    Task DeleteAsync(ObservedResource actual, CancellationToken ct);
}
