namespace Reconciler.Model.Yaml;

/// <summary>
/// A node of a parsed YAML document that remembers where it starts. <see cref="Weight"/> counts the nodes below it,
/// aliases included, so that an alias bomb is caught while the tree is built, before anything walks it.
/// </summary>
internal abstract record YNode(SourceMark Mark, long Weight)
{
    public abstract string Describe { get; }

    /// <summary>
    /// Where the node's text starts and ends, as character offsets into the document (end exclusive): a quoted
    /// scalar's span includes its quotes, a flow collection's its brackets. Editors replace exactly this text.
    /// </summary>
    public (int Start, int End) Span { get; init; }
}
