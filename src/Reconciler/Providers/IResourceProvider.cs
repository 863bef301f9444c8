using Reconciler.Model.Graph;
using Reconciler.Model.Planning;

namespace Reconciler.Providers;

/// <summary>
/// Reads, creates, updates and deletes one kind of resource. A provider never decides whether to act: the engine
/// does, from the plan. Observation is one tag-filtered, paged listing for all the environments asked about.
/// </summary>
internal interface IResourceProvider
{
    ResourceKind Kind { get; }

    Task<IReadOnlyList<ObservedResource>> ObserveAsync(IReadOnlyCollection<string> environments, CancellationToken ct);

    /// <summary>Creates the resource with its tags set in the same call, and returns its id.</summary>
    Task<CreatedResource> CreateAsync(ResolvedResource desired, CancellationToken ct);

    /// <summary>Changes in place exactly the fields listed in <paramref name="changes"/>.</summary>
    Task UpdateAsync(ResolvedResource desired, ObservedResource actual, IReadOnlyList<FieldChange> changes, CancellationToken ct);

    Task DeleteAsync(ObservedResource actual, CancellationToken ct);
}
