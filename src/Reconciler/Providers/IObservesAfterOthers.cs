using Reconciler.Model.Graph;
using Reconciler.Model.Planning;

namespace Reconciler.Providers;

/// <summary>
/// A provider whose observation needs what the other providers observed in the same observation: the execution roles
/// the live task definitions name, where an environment's inline policy may have been left behind. The engine observes
/// it after the others, with their results, so it costs no read of its own to learn them.
/// </summary>
internal interface IObservesAfterOthers : IResourceProvider
{
    Task<IReadOnlyList<ObservedResource>> ObserveAfterAsync(IReadOnlyCollection<string> environments, IReadOnlyCollection<DesiredResource> desired,
        IReadOnlyList<ObservedResource> others, CancellationToken ct);
}
