using System.Globalization;
using System.Text;

namespace Reconciler.Web;

/// <summary>
/// The resource graph as an SVG drawn on the server (<see cref="GraphLayout"/>): one box per resource, outlined and
/// filled by state, with its id, state and AWS id; an edge from each dependency to its dependent. Each box links to the
/// page with that node's fields, so clicking works without JavaScript.
/// </summary>
internal static class GraphSvg
{
    public static string Render(string environment, IReadOnlyList<NodeView> nodes, Func<string, string> nodeHref, string? selected)
    {
        var layout = GraphLayout.Of(nodes);
        var at = layout.Nodes.ToDictionary(p => p.Node.LogicalId, StringComparer.Ordinal);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""<svg xmlns="http://www.w3.org/2000/svg" id="graph" width="{N(layout.Width)}" height="{N(layout.Height)}" viewBox="0 0 {N(layout.Width)} {N(layout.Height)}" role="img" aria-label="Resources of {Html.E(environment)} by dependency">""");
        svg.Append("<g class=\"edges\" fill=\"none\" stroke=\"#90a4ae\" stroke-width=\"1.2\">");
        foreach (var to in layout.Nodes)
        {
            foreach (var dependency in to.Node.DependsOn.Where(at.ContainsKey).Distinct(StringComparer.Ordinal))
            {
                var from = at[dependency];
                double x1 = from.X + GraphLayout.NodeWidth, y1 = from.Y + (GraphLayout.NodeHeight / 2), x2 = to.X, y2 = to.Y + (GraphLayout.NodeHeight / 2);
                var mid = (x1 + x2) / 2;
                svg.Append(CultureInfo.InvariantCulture, $"""<path d="M{N(x1)},{N(y1)} C{N(mid)},{N(y1)} {N(mid)},{N(y2)} {N(x2)},{N(y2)}"/>""");
            }
        }

        svg.Append("</g>");
        foreach (var placed in layout.Nodes)
        {
            var node = placed.Node;
            var (stroke, fill) = NodeStyle.Colours(node.State);
            var label = NodeStyle.Label(node.State);
            var width = node.LogicalId == selected ? 3 : 1.5;
            var dash = node.State == NodeState.Orphaned ? " stroke-dasharray=\"5,3\"" : string.Empty;
            svg.Append(CultureInfo.InvariantCulture, $"""<a href="{Html.E(nodeHref(node.LogicalId))}" class="node {NodeStyle.Css(node.State)}" data-id="{Html.E(node.LogicalId)}" data-state="{label}">""");
            svg.Append(CultureInfo.InvariantCulture, $"""<title>{Html.E(node.LogicalId)}: {label}{(node.Detail is { } d ? " — " + Html.E(d) : string.Empty)}</title>""");
            svg.Append(CultureInfo.InvariantCulture, $"""<rect x="{N(placed.X)}" y="{N(placed.Y)}" width="{N(GraphLayout.NodeWidth)}" height="{N(GraphLayout.NodeHeight)}" rx="6" fill="{fill}" stroke="{stroke}" stroke-width="{N(width)}"{dash}/>""");
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{N(placed.X + 8)}" y="{N(placed.Y + 18)}" font-size="12" font-weight="600" fill="#212121">{Html.E(Html.Clip(node.LogicalId, 29))}</text>""");
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{N(placed.X + 8)}" y="{N(placed.Y + 35)}" font-size="11" fill="{stroke}">{Html.E(Html.Clip($"{label} · {node.AwsId ?? "not in AWS"}", 33))}</text>""");
            svg.Append("</a>");
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
