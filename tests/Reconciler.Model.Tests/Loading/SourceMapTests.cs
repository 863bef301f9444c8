using Reconciler.Model.Loading;
using Reconciler.Model.Yaml;
using static Reconciler.Model.Tests.TestSpecs;

namespace Reconciler.Model.Tests.Loading;

public sealed class SourceMapTests
{
    [Fact]
    public void Find_Should_ReturnTheNearestRecordedParent_When_APathHasNoPositionOfItsOwn()
    {
        var positions = new SourceMap("x.yaml");
        positions.Add("spec.network", new SourceMark(9, 3));
        positions.Add("spec.network.subnets[1]", new SourceMark(12, 7));

        Assert.Equal(new SourceMark(12, 7), positions.Find("spec.network.subnets[1].cidr"));
        Assert.Equal(new SourceMark(9, 3), positions.Find("spec.network.subnets[3].cidr"));
        Assert.Equal(new SourceMark(9, 3), positions.Find("spec.network"));
        Assert.Equal(SourceMark.Start, positions.Find("metadata.name"));
    }

    [Fact]
    public void Add_Should_KeepTheFirstPosition_When_APathIsAddedTwice()
    {
        var positions = new SourceMap("x.yaml");

        positions.Add("spec", new SourceMark(5, 1));
        positions.Add("spec", new SourceMark(50, 1));

        Assert.Equal(new SourceMark(5, 1), positions.Find("spec"));
    }

    [Fact]
    public void Find_Should_GiveThePositionOfEachValue_When_ASpecIsLoaded()
    {
        var spec = Load(Base);

        var cidr = spec.Positions.Find("spec.network.subnets[3].cidr");
        var secondItem = spec.Positions.Find("spec.hosts[0].subnets[1]");

        Assert.Equal(PositionOf(Base, "10.0.11.0/24"), (cidr.Line, cidr.Column));
        Assert.Equal(PositionOf(Base, "public-b]\n      securityGroups: [web]\n      instanceProfile"), (secondItem.Line, secondItem.Column));
        Assert.Equal(FileName, spec.Positions.File);
    }

    [Fact]
    public void Find_Should_AnswerAsBeforeFreezing_When_TheMapIsFrozen()
    {
        // Every prefix of every recorded path, paths with keys holding '.' and '[', and paths never recorded.
        string[] recorded = ["spec", "spec.network", "spec.network.subnets[0]", "spec.network.subnets[0].cidr", "spec.tags.app.kubernetes.io/name", "spec.tags.a[b", "", "metadata.name"];
        string[] asked = [.. recorded, "spec.network.subnets[0].zone", "spec.network.subnets[1].cidr", "spec.tags.app", "spec.tags.app.kubernetes.io/name.x", "spec.tags.a[b]", "spec.tags.a", "metadata", "other", ".", "x..y", "[0]"];
        var open = new SourceMap("x.yaml");
        var frozen = new SourceMap("x.yaml");
        for (var i = 0; i < recorded.Length; i++)
        {
            open.Add(recorded[i], new SourceMark(i + 1, i + 2));
            frozen.Add(recorded[i], new SourceMark(i + 1, i + 2));
        }

        frozen.Freeze();

        Assert.All(asked, path => Assert.Equal(open.Find(path), frozen.Find(path)));
        Assert.Equal(new SourceMark(5, 6), frozen.Find("spec.tags.app.kubernetes.io/name"));
    }

    [Fact]
    public void Add_Should_KeepEveryEarlierPosition_When_AFrozenMapIsAddedTo()
    {
        var positions = new SourceMap("x.yaml");
        positions.Add("spec.network", new SourceMark(9, 3));
        positions.Freeze();

        positions.Add("spec.network", new SourceMark(90, 3));
        positions.Add("spec.network.subnets[1]", new SourceMark(12, 7));

        Assert.Equal(new SourceMark(9, 3), positions.Find("spec.network.subnets[0]"));
        Assert.Equal(new SourceMark(12, 7), positions.Find("spec.network.subnets[1].cidr"));
    }

    [Fact]
    public void Find_Should_GiveEachSpecItsOwnPositions_When_TwoSpecsOfOneShapeShareTheirPaths()
    {
        var one = Load(Mutate("name: test", "name: shape-one"));
        // The same paths, each one line further down.
        var two = Load("# a comment line\n" + Mutate("name: test", "name: shape-two"));

        Assert.True(one.Positions.SharesShapeWith(two.Positions));
        var cidr = one.Positions.Find("spec.network.subnets[3].cidr");
        Assert.Equal(cidr with { Line = cidr.Line + 1 }, two.Positions.Find("spec.network.subnets[3].cidr"));
        Assert.Equal(PositionOf(Base, "10.0.11.0/24").Line, cidr.Line);
        Assert.False(one.Positions.SharesShapeWith(Load(Mutate("tags: { project: test }", "tags: { project: test, team: a }")).Positions));
    }
}
