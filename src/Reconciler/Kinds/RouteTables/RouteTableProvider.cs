using Amazon.EC2;
using Amazon.EC2.Model;
using K = Reconciler.Model.Kinds.RouteTableKind;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;
using Reconciler.Providers;
using Reconciler.Providers.Ec2;
using Ec2Route = Amazon.EC2.Model.Route;
using Route = Reconciler.Model.Kinds.Route;

namespace Reconciler.Kinds;

/// <summary>
/// Route tables with their routes (<see cref="Route"/> records) and subnet associations, both diffed element by
/// element: the missing ones are added, the extra ones removed, a changed target replaced. The local route is implicit.
/// </summary>
internal sealed class RouteTableProvider(Ec2Support ec2) : IResourceProvider
{
    public ResourceKind Kind => K.Kind;

    public async Task<IReadOnlyList<ObservedResource>> ObserveAsync(IReadOnlyCollection<string> environments, IReadOnlyCollection<DesiredResource> desired, CancellationToken ct)
    {
        var tables = await ec2.Pages("DescribeRouteTables",
            (token, c) => ec2.Client.DescribeRouteTablesAsync(new DescribeRouteTablesRequest { Filters = Ec2Support.OwnedBy(environments), NextToken = token }, c),
            r => r.RouteTables, r => r.NextToken, ct).ConfigureAwait(false);
        return tables.Select(Map).OfType<ObservedResource>().ToList();
    }

    private ObservedResource? Map(RouteTable table)
    {
        // The local route is created with the table (Origin CreateRouteTable) and cannot be changed: never compared.
        var routes = table.Routes
            .Where(r => r.Origin != RouteOrigin.CreateRouteTable && !string.IsNullOrEmpty(r.DestinationCidrBlock))
            .Select(Observed);
        var associations = table.Associations
            .Where(a => a.Main != true && !string.IsNullOrEmpty(a.SubnetId) && a.AssociationState?.State != RouteTableAssociationStateCode.Disassociated)
            .ToList();
        return Ec2Support.Observed(Kind, table.RouteTableId, table.Tags,
            [
                (K.Vpc, FieldValue.Of(table.VpcId)),
                (K.Routes, FieldValue.ItemsOf(routes)),
                (K.Subnets, FieldValue.SetOf(associations.Select(a => a.SubnetId))),
            ],
            associations.Select(a => (K.AssociationPrefix + a.SubnetId, a.RouteTableAssociationId)));
    }

    /// <summary>The route as the graph writes it, the target typed by the member DescribeRouteTables reports it in.</summary>
    private static Route Observed(Ec2Route route) =>
        route.GatewayId is { } gateway ? new Route(route.DestinationCidrBlock, RouteTarget.Gateway, gateway)
        : route.NatGatewayId is { } nat ? new Route(route.DestinationCidrBlock, RouteTarget.NatGateway, nat)
        : new Route(route.DestinationCidrBlock, RouteTarget.Other,
            route.TransitGatewayId ?? route.VpcPeeringConnectionId ?? route.NetworkInterfaceId ?? route.InstanceId ?? "unknown");

    public async Task<CreatedResource> CreateAsync(ResolvedResource desired, CancellationToken ct)
    {
        var response = await ec2.Create("CreateRouteTable", c => ec2.Client.CreateRouteTableAsync(new CreateRouteTableRequest
        {
            VpcId = desired.Get(K.Vpc),
            TagSpecifications = Ec2Support.TagsAtCreation(ResourceType.RouteTable, desired.Tags),
        }, c), ct).ConfigureAwait(false);
        var id = response.RouteTable.RouteTableId;
        foreach (var route in desired.Items<Route>(K.Routes))
        {
            await CreateRoute(id, route, ct).ConfigureAwait(false);
        }

        foreach (var subnet in desired.Set(K.Subnets))
        {
            await Associate(id, subnet, ct).ConfigureAwait(false);
        }

        return new CreatedResource(id);
    }

    public async Task UpdateAsync(ResolvedResource desired, ObservedResource actual, IReadOnlyList<FieldChange> changes, CancellationToken ct)
    {
        if (changes.Any(c => c.Path == K.Routes))
        {
            var want = desired.Items<Route>(K.Routes).ToDictionary(r => r.Destination, StringComparer.Ordinal);
            var have = actual.Items<Route>(K.Routes).ToDictionary(r => r.Destination, StringComparer.Ordinal);
            foreach (var (destination, route) in want)
            {
                if (!have.TryGetValue(destination, out var current))
                {
                    await CreateRoute(actual.AwsId, route, ct).ConfigureAwait(false);
                }
                else if (current != route)
                {
                    await ec2.Mutate("ReplaceRoute", c => ec2.Client.ReplaceRouteAsync(new ReplaceRouteRequest
                    {
                        RouteTableId = actual.AwsId,
                        DestinationCidrBlock = destination,
                        GatewayId = route.Via == RouteTarget.Gateway ? route.Target : null,
                        NatGatewayId = route.Via == RouteTarget.NatGateway ? route.Target : null,
                    }, c), ct).ConfigureAwait(false);
                }
            }

            foreach (var destination in have.Keys.Where(d => !want.ContainsKey(d)))
            {
                await ec2.Delete("DeleteRoute", c => ec2.Client.DeleteRouteAsync(new DeleteRouteRequest { RouteTableId = actual.AwsId, DestinationCidrBlock = destination }, c), ct).ConfigureAwait(false);
            }
        }

        if (changes.Any(c => c.Path == K.Subnets))
        {
            var want = desired.Set(K.Subnets);
            var have = actual.SetOf(K.Subnets);
            foreach (var subnet in want.Except(have))
            {
                await Associate(actual.AwsId, subnet, ct).ConfigureAwait(false);
            }

            foreach (var subnet in have.Except(want))
            {
                await Disassociate(actual.Attributes[K.AssociationPrefix + subnet], ct).ConfigureAwait(false);
            }
        }

        await ec2.UpdateTags(actual.AwsId, desired.Tags, changes, ct).ConfigureAwait(false);
    }

    /// <summary>CreateRoute with the target in the parameter its kind takes (the graph only desires gateways and NAT gateways).</summary>
    private Task CreateRoute(string tableId, Route route, CancellationToken ct) =>
        ec2.Mutate("CreateRoute", c => ec2.Client.CreateRouteAsync(new CreateRouteRequest
        {
            RouteTableId = tableId,
            DestinationCidrBlock = route.Destination,
            GatewayId = route.Via == RouteTarget.Gateway ? route.Target : null,
            NatGatewayId = route.Via == RouteTarget.NatGateway ? route.Target : null,
        }, c), ct);

    /// <summary>Associates a subnet; a subnet still associated with another table is moved (its association replaced).</summary>
    private async Task Associate(string tableId, string subnetId, CancellationToken ct)
    {
        var current = await ec2.Read("DescribeRouteTables", c => ec2.Client.DescribeRouteTablesAsync(new DescribeRouteTablesRequest
        {
            Filters = [new Filter { Name = "association.subnet-id", Values = [subnetId] }],
        }, c), ct).ConfigureAwait(false);
        var existing = current.RouteTables.SelectMany(t => t.Associations).FirstOrDefault(a => a.SubnetId == subnetId && a.Main != true);
        if (existing is not null)
        {
            await ec2.Mutate("ReplaceRouteTableAssociation", c => ec2.Client.ReplaceRouteTableAssociationAsync(new ReplaceRouteTableAssociationRequest
            {
                AssociationId = existing.RouteTableAssociationId,
                RouteTableId = tableId,
            }, c), ct).ConfigureAwait(false);
            return;
        }

        await ec2.Mutate("AssociateRouteTable", c => ec2.Client.AssociateRouteTableAsync(new AssociateRouteTableRequest { RouteTableId = tableId, SubnetId = subnetId }, c), ct).ConfigureAwait(false);
    }

    private Task Disassociate(string associationId, CancellationToken ct) =>
        ec2.Delete("DisassociateRouteTable", c => ec2.Client.DisassociateRouteTableAsync(new DisassociateRouteTableRequest { AssociationId = associationId }, c), ct);

    public async Task DeleteAsync(ObservedResource actual, CancellationToken ct)
    {
        foreach (var (key, association) in actual.Attributes.Where(a => a.Key.StartsWith(K.AssociationPrefix, StringComparison.Ordinal)))
        {
            await Disassociate(association, ct).ConfigureAwait(false);
        }

        await ec2.DeleteResource("DeleteRouteTable", "InvalidRouteTableID.NotFound", c => ec2.Client.DeleteRouteTableAsync(new DeleteRouteTableRequest { RouteTableId = actual.AwsId }, c), ct).ConfigureAwait(false);
    }
}
