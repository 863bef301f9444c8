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
}
