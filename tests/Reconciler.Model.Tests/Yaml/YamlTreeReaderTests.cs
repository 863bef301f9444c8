using Reconciler.Model.Yaml;

namespace Reconciler.Model.Tests.Yaml;

public sealed class YamlTreeReaderTests
{
    [Fact]
    public void Read_Should_RecordOneBasedLinesAndColumns_When_NodesAreRead()
    {
        const string yaml = "a: 1\nb:\n  - x\n  - 'y'\n";

        var (root, errors) = YamlTreeReader.Read(yaml);

        Assert.Empty(errors);
        var mapping = Assert.IsType<YMapping>(root);
        Assert.Equal(new SourceMark(1, 1), mapping.Mark);
        Assert.Equal(["a", "b"], mapping.Entries.Select(e => e.Key.Value));
        Assert.Equal(new SourceMark(1, 1), mapping.Entries[0].Key.Mark);
        Assert.Equal(new SourceMark(1, 4), mapping.Entries[0].Value.Mark);
        var list = Assert.IsType<YSequence>(mapping.Entries[1].Value);
        Assert.Equal(new SourceMark(3, 3), list.Mark);
        var x = Assert.IsType<YScalar>(list.Items[0]);
        var y = Assert.IsType<YScalar>(list.Items[1]);
        Assert.Equal((new SourceMark(3, 5), "x", true), (x.Mark, x.Value, x.IsPlain));
        Assert.Equal((new SourceMark(4, 5), "y", false), (y.Mark, y.Value, y.IsPlain));
    }

    [Fact]
    public void Read_Should_KeepTheFirstValueAndNameBothPositions_When_AKeyIsDuplicated()
    {
        const string yaml = "a: 1\nb: 2\n  # comment\na: 3\n";

        var (root, errors) = YamlTreeReader.Read(yaml);

        var error = Assert.Single(errors);
        Assert.Equal(new SourceMark(4, 1), error.Mark);
        Assert.Equal("duplicate key 'a' (first at line 1, column 1)", error.Message);
        var mapping = Assert.IsType<YMapping>(root);
        Assert.Equal(["a", "b"], mapping.Entries.Select(e => e.Key.Value));
        Assert.Equal("1", Assert.IsType<YScalar>(mapping.Entries[0].Value).Value);
    }

    [Fact]
    public void Read_Should_ReturnTheAnchoredNodeAndCountItTwice_When_AnAliasIsUsed()
    {
        const string yaml = "a: &x {k: v, l: w}\nb: *x\n";

        var (root, errors) = YamlTreeReader.Read(yaml);

        Assert.Empty(errors);
        var mapping = Assert.IsType<YMapping>(root);
        var anchored = Assert.IsType<YMapping>(mapping.Entries[0].Value);
        Assert.Same(anchored, mapping.Entries[1].Value);
        Assert.Equal(5, anchored.Weight);
        Assert.Equal(1 + 1 + 5 + 1 + 5, mapping.Weight);
    }

    [Fact]
    public void Read_Should_ReportTheAlias_When_ItNamesNoAnchor()
    {
        var (root, errors) = YamlTreeReader.Read("a: 1\nb: *nope\n");

        Assert.Null(root);
        var error = Assert.Single(errors);
        Assert.Equal(new SourceMark(2, 4), error.Mark);
        Assert.Contains("*nope names no anchor", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Should_ReportTheKey_When_AMappingKeyIsNotAScalar()
    {
        var (root, errors) = YamlTreeReader.Read("? [a, b]\n: c\nd: e\n");

        var error = Assert.Single(errors);
        Assert.Equal(new SourceMark(1, 3), error.Mark);
        Assert.Equal("a mapping key must be a plain name, not a list", error.Message);
        var mapping = Assert.IsType<YMapping>(root);
        Assert.Equal("d", Assert.Single(mapping.Entries).Key.Value);
    }

    [Fact]
    public void Read_Should_AcceptTheDeepestAllowedNesting_When_ItIsExactlyTheLimit()
    {
        var atLimit = "a: " + new string('[', YamlTreeReader.MaxDepth) + new string(']', YamlTreeReader.MaxDepth);
        var beyond = "a: " + new string('[', YamlTreeReader.MaxDepth + 1) + new string(']', YamlTreeReader.MaxDepth + 1);

        var (accepted, acceptedErrors) = YamlTreeReader.Read(atLimit);
        var (refused, refusedErrors) = YamlTreeReader.Read(beyond);

        Assert.Empty(acceptedErrors);
        Assert.NotNull(accepted);
        Assert.Null(refused);
        var error = Assert.Single(refusedErrors);
        Assert.Equal(new SourceMark(1, 3 + YamlTreeReader.MaxDepth + 1), error.Mark);
        Assert.Equal("the document nests deeper than 64 levels", error.Message);
    }

    [Fact]
    public void Read_Should_ReportTheSecondDocumentButKeepTheFirst_When_TheStreamHoldsTwo()
    {
        var (root, errors) = YamlTreeReader.Read("a: 1\n---\nb: 2\n");

        var error = Assert.Single(errors);
        Assert.Equal(new SourceMark(2, 1), error.Mark);
        Assert.StartsWith("a second YAML document", error.Message, StringComparison.Ordinal);
        Assert.Equal("a", Assert.Single(Assert.IsType<YMapping>(root).Entries).Key.Value);
    }

    [Theory]
    [InlineData("a: ~", true)]
    [InlineData("a: null", true)]
    [InlineData("a: NULL", true)]
    [InlineData("a:", true)]
    [InlineData("a: 'null'", false)]
    [InlineData("a: \"\"", false)]
    [InlineData("a: nil", false)]
    public void IsNull_Should_BeTrueOnlyForPlainNullForms_When_ScalarsAreRead(string yaml, bool expected)
    {
        var (root, errors) = YamlTreeReader.Read(yaml);

        Assert.Empty(errors);
        var value = Assert.IsType<YScalar>(Assert.Single(Assert.IsType<YMapping>(root).Entries).Value);
        Assert.Equal(expected, value.IsNull);
    }
}
