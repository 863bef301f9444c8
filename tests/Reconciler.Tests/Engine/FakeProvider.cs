using Reconciler.Model.Graph;
using Reconciler.Model.Planning;
using Reconciler.Providers;

namespace Reconciler.Tests.Engine;

/// <summary>
/// A provider of our own interface (not a fake of AWS): keeps in memory what it creates, observes it back as created,
/// and answers its creates with what <see cref="Fault"/> says for the nth one (null: success).
/// </summary>
internal sealed class FakeProvider(ResourceKind kind) : IResourceProvider
{
    private readonly List<ObservedResource> _live = [];

    /// <summary>The error of the nth create (1-based); null: it succeeds.</summary>
    public Func<int, Exception?> Fault { get; set; } = _ => null;

    public int Creates { get; private set; }

    public ResourceKind Kind => kind;

    public Task<IReadOnlyList<ObservedResource>> ObserveAsync(IReadOnlyCollection<string> environments, IReadOnlyCollection<DesiredResource> desired, CancellationToken ct)
    {
        lock (_live)
        {
            return Task.FromResult<IReadOnlyList<ObservedResource>>([.. _live.Where(r => environments.Contains(r.Environment))]);
        }
    }

    public Task<CreatedResource> CreateAsync(ResolvedResource desired, CancellationToken ct)
    {
        int n;
        lock (_live)
        {
            n = ++Creates;
        }

        if (Fault(n) is { } error)
        {
            return Task.FromException<CreatedResource>(error);
        }

        var id = $"{kind.Name}-{n}";
        lock (_live)
        {
            _live.Add(TaggedResources.Observed(kind, id, desired.Tags, desired.Properties.Select(p => (p.Key, p.Value)))!);
        }

        return Task.FromResult(new CreatedResource(id));
    }

    public Task UpdateAsync(ResolvedResource desired, ObservedResource actual, IReadOnlyList<FieldChange> changes, CancellationToken ct)
    {
        lock (_live)
        {
            _live.Remove(actual);
            _live.Add(actual with { Properties = desired.Properties });
        }

        return Task.CompletedTask;
    }

    public Task DeleteAsync(ObservedResource actual, CancellationToken ct)
    {
        lock (_live)
        {
            _live.Remove(actual);
        }

        return Task.CompletedTask;
    }
}
