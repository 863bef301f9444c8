namespace Reconciler.Web;

/// <summary>
/// Places the resource graph in layers by dependency, left to right: a resource sits one column right of the furthest
/// of what it depends on (a VPC, then its subnets, then what runs in them), so every edge points right. Inside a
/// column, resources go by kind (creation order), then by id, so the drawing is the same from pass to pass.
/// </summary>
internal sealed record GraphLayout(IReadOnlyList<PlacedNode> Nodes, double Width, double Height)
{
    public const double NodeWidth = 200;
    public const double NodeHeight = 44;
    public const double ColumnGap = 44;
    public const double RowGap = 14;
    public const double Margin = 16;

    public static GraphLayout Of(IReadOnlyList<NodeView> nodes)
    {
        var byId = nodes.GroupBy(n => n.LogicalId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var layers = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var id in byId.Keys)
        {
            LayerOf(id, byId, layers, []);
        }

        var placed = new List<PlacedNode>();
        foreach (var column in byId.Values.GroupBy(n => layers[n.LogicalId]).OrderBy(g => g.Key))
        {
            var row = 0;
            foreach (var node in column.OrderBy(n => n.Rank).ThenBy(n => n.LogicalId, StringComparer.Ordinal))
            {
                placed.Add(new PlacedNode(node, column.Key, Margin + (column.Key * (NodeWidth + ColumnGap)), Margin + (row++ * (NodeHeight + RowGap))));
            }
        }

        var width = placed.Count == 0 ? 2 * Margin : placed.Max(p => p.X) + NodeWidth + Margin;
        var height = placed.Count == 0 ? 2 * Margin : placed.Max(p => p.Y) + NodeHeight + Margin;
        return new GraphLayout(placed, width, height);
    }

    /// <summary>0 without dependencies in the graph, else one more than the deepest one; a cycle (never built by the graph) is cut.</summary>
    private static int LayerOf(string id, Dictionary<string, NodeView> byId, Dictionary<string, int> layers, HashSet<string> visiting)
    {
        if (layers.TryGetValue(id, out var known))
        {
            return known;
        }

        if (!visiting.Add(id))
        {
            return 0;
        }

        var layer = byId[id].DependsOn.Where(d => d != id && byId.ContainsKey(d)).Select(d => LayerOf(d, byId, layers, visiting) + 1).DefaultIfEmpty(0).Max();
        visiting.Remove(id);
        layers[id] = layer;
        return layer;
    }
}
