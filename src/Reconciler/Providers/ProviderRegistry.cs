using Reconciler.Model.Graph;

namespace Reconciler.Providers;

/// <summary>The providers for one region, by kind.</summary>
internal sealed class ProviderRegistry(IEnumerable<IResourceProvider> providers)
{
    private readonly Dictionary<ResourceKind, IResourceProvider> _byKind = providers.ToDictionary(p => p.Kind);

    public IReadOnlyCollection<IResourceProvider> All => _byKind.Values;

    public IReadOnlySet<ResourceKind> Kinds => _byKind.Keys.ToHashSet();

    public IResourceProvider For(ResourceKind kind) =>
        _byKind.TryGetValue(kind, out var provider) ? provider : throw new InvalidOperationException($"no provider for {kind}");
}
