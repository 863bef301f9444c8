using Reconciler.Model.Graph;

namespace Reconciler.Model.Kinds;

/// <summary>
/// Two route tables: <c>public</c> for the public subnets, with the default route to the internet gateway, and
/// <c>private</c> for the others, with the default route to the NAT gateway when there is one.
/// </summary>
internal static class RouteTableExpansion
{
    public const string DefaultRoute = "0.0.0.0/0";

    public static void Add(GraphContext ctx, NetworkSpec network)
    {
        var publicSubnets = network.Subnets.Where(s => s.Public).Select(s => GraphContext.Ref(SubnetKind.Kind, s.Name)).ToList();
        var privateSubnets = network.Subnets.Where(s => !s.Public).Select(s => GraphContext.Ref(SubnetKind.Kind, s.Name)).ToList();
        if (publicSubnets.Count > 0 && network.InternetGateway)
        {
            AddTable(ctx, RouteTableKind.Public, [new Route(DefaultRoute, RouteTarget.Gateway, GraphContext.Ref(InternetGatewayKind.Kind, GraphBuilder.VpcName))], publicSubnets);
        }

        if (privateSubnets.Count > 0)
        {
            Route[] routes = network.NatGateway is null ? [] : [new Route(DefaultRoute, RouteTarget.NatGateway, GraphContext.Ref(NatGatewayKind.Kind, GraphBuilder.VpcName))];
            AddTable(ctx, RouteTableKind.Private, routes, privateSubnets);
        }
    }

    private static void AddTable(GraphContext ctx, string name, IEnumerable<Route> routes, IEnumerable<string> subnets) =>
        ctx.Add(RouteTableKind.Kind, name,
        [
            (RouteTableKind.Vpc, FieldValue.Of(VpcExpansion.Ref)),
            (RouteTableKind.Routes, FieldValue.ItemsOf(routes)),
            (RouteTableKind.Subnets, FieldValue.SetOf(subnets)),
        ]);
}
