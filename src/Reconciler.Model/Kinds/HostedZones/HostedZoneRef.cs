using Reconciler.Model.Graph;

namespace Reconciler.Model.Kinds;

/// <summary>
/// A hosted zone as the records and certificates in it name it: its DNS name (what the providers look the zone up by)
/// and its id (a reference in the graph, resolved to the zone id). Shown as the id, as plans have always shown it.
/// </summary>
internal sealed record HostedZoneRef(string Name, string Id) : GraphItem
{
    public override string Display => Id;

    public override GraphItem Resolve(Func<string, string?> resolve) => this with { Id = Sub(Id, resolve) };

    public override IEnumerable<string> ReferencedIds() => Refs(Id);
}
