using Reconciler.Model.Graph;

namespace Reconciler.Model.Tests.Kinds.RouteTables;

public sealed class RouteTests
{
    [Fact]
    public void Resolve_Should_KeepTheTargetKind_When_TheReferenceBecomesAnId()
    {
        var route = new Route("0.0.0.0/0", RouteTarget.NatGateway, References.To("nat-gateway/main"));

        Assert.Equal("0.0.0.0/0->${nat-gateway/main}", route.Display);
        Assert.Equal(["nat-gateway/main"], route.ReferencedIds());
        Assert.Equal(new Route("0.0.0.0/0", RouteTarget.NatGateway, "nat-1"), route.Resolve(id => id == "nat-gateway/main" ? "nat-1" : null));
        Assert.True(route.Resolve(_ => null).IsUnresolved);
    }

    [Fact]
    public void Equals_Should_TellTargetsApart_When_TheDestinationIsTheSame()
    {
        var igw = FieldValue.ItemsOf([new Route("0.0.0.0/0", RouteTarget.Gateway, "igw-1")]);

        Assert.Equal(igw, FieldValue.ItemsOf([new Route("0.0.0.0/0", RouteTarget.Gateway, "igw-1")]));
        Assert.NotEqual(igw, FieldValue.ItemsOf([new Route("0.0.0.0/0", RouteTarget.NatGateway, "nat-1")]));
    }
}
