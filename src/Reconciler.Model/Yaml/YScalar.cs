namespace Reconciler.Model.Yaml;

/// <summary>A scalar. <see cref="IsPlain"/> is false for quoted and block scalars, which are always strings.</summary>
internal sealed record YScalar(string Value, bool IsPlain, SourceMark Mark) : YNode(Mark, 1)
{
    /// <summary>True for the YAML null forms (<c>~</c>, <c>null</c>, an empty plain scalar).</summary>
    public bool IsNull => IsPlain && (Value.Length == 0 || Value == "~" || Value is "null" or "Null" or "NULL");

    /// <summary>How the scalar is written (plain, quoted, literal, folded).</summary>
    public YamlDotNet.Core.ScalarStyle Style { get; init; }

    public override string Describe => IsNull ? "null" : "a scalar";
}
