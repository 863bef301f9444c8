namespace Reconciler.Model.Yaml;

internal sealed record YMapping(IReadOnlyList<KeyValuePair<YScalar, YNode>> Entries, SourceMark Mark, long Weight) : YNode(Mark, Weight)
{
    /// <summary>True for <c>{ a: 1 }</c>, false for a block mapping.</summary>
    public bool IsFlow { get; init; }

    public override string Describe => "a mapping";
}
