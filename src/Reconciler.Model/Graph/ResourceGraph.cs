namespace Reconciler.Model.Graph;

/// <summary>The desired resources of one environment, in an order where every resource follows what it depends on.</summary>
internal sealed record ResourceGraph(string Environment, string Region, IReadOnlyList<DesiredResource> Resources)
{
    public DesiredResource? Find(string logicalId) => Resources.FirstOrDefault(r => r.LogicalId == logicalId);
}
