namespace Reconciler.Model.Yaml;

internal sealed record YSequence(IReadOnlyList<YNode> Items, SourceMark Mark, long Weight) : YNode(Mark, Weight)
{
    public override string Describe => "a list";
}
