namespace Reconciler.Model.Yaml;

internal sealed record YMapping(IReadOnlyList<KeyValuePair<YScalar, YNode>> Entries, SourceMark Mark, long Weight) : YNode(Mark, Weight)
{
    public override string Describe => "a mapping";
}
