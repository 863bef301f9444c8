using Reconciler.Web;

namespace Reconciler.Tests.Web;

public sealed class GraphLayoutTests
{
    [Fact]
    public void Of_Should_PlaceEachResourceOneColumnRightOfItsDeepestDependency_When_ResourcesDependOnEachOther()
    {
        var layout = GraphLayout.Of(
        [
            WebSamples.Node("instance/app", "subnet/a", "security-group/web"),
            WebSamples.Node("subnet/a", "vpc/main"),
            WebSamples.Node("security-group/web", "vpc/main"),
            WebSamples.Node("vpc/main"),
            WebSamples.Node("bucket/media", "bucket/not-in-this-graph"),
        ]);

        var layers = layout.Nodes.ToDictionary(p => p.Node.LogicalId, p => p.Layer);
        Assert.Equal(0, layers["vpc/main"]);
        Assert.Equal(0, layers["bucket/media"]);
        Assert.Equal(1, layers["subnet/a"]);
        Assert.Equal(1, layers["security-group/web"]);
        Assert.Equal(2, layers["instance/app"]);
        var at = layout.Nodes.ToDictionary(p => p.Node.LogicalId);
        Assert.True(at["vpc/main"].X < at["subnet/a"].X && at["subnet/a"].X < at["instance/app"].X);
        Assert.NotEqual(at["subnet/a"].Y, at["security-group/web"].Y);
        Assert.True(layout.Width >= at["instance/app"].X + GraphLayout.NodeWidth);
    }

    [Fact]
    public void Of_Should_StillPlaceEveryNode_When_DependenciesFormACycle()
    {
        var layout = GraphLayout.Of([WebSamples.Node("a/one", "a/two"), WebSamples.Node("a/two", "a/one")]);

        Assert.Equal(2, layout.Nodes.Count);
    }
}
