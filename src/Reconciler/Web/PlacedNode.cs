namespace Reconciler.Web;

/// <summary>A node with its place in the drawing: its layer (column) and its top-left corner.</summary>
internal sealed record PlacedNode(NodeView Node, int Layer, double X, double Y);
