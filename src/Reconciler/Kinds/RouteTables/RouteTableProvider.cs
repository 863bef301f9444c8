using Amazon.EC2;
using Amazon.EC2.Model;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;

namespace Reconciler.Providers.Ec2;

/// <summary>
/// Route tables with their routes (<c>destination-&gt;target</c>) and subnet associations, both diffed element by
/// element: the missing ones are added, the extra ones removed, a changed target replaced. The local route is implicit.
/// </summary>
internal sealed class RouteTableProvider(Ec2Support ec2) : IResourceProvider
{
    private const string AssociationPrefix = "association:";

    public ResourceKind Kind => ResourceKinds.RouteTable;

    public async Task<IReadOnlyList<ObservedResource>> ObserveAsync(IReadOnlyCollection<string> environments, IReadOnlyCollection<DesiredResource> desired, CancellationToken ct)
    {
        var tables = await ec2.Pages("DescribeRouteTables",
            (token, c) => ec2.Client.DescribeRouteTablesAsync(new DescribeRouteTablesRequest { Filters = Ec2Support.OwnedBy(environments), NextToken = token }, c),
            r => r.RouteTables, r => r.NextToken, ct).ConfigureAwait(false);
        return tables.Select(Map).OfType<ObservedResource>().ToList();
    }

    private ObservedResource? Map(RouteTable table)
    {
        var routes = table.Routes
            .Where(r => r.Origin != RouteOrigin.CreateRouteTable && !string.IsNullOrEmpty(r.DestinationCidrBlock))
            .Select(r => $"{r.DestinationCidrBlock}->{Target(r)}");
        var associations = table.Associations
            .Where(a => a.Main != true && !string.IsNullOrEmpty(a.SubnetId) && a.AssociationState?.State != RouteTableAssociationStateCode.Disassociated)
            .ToList();
        return Ec2Support.Observed(Kind, table.RouteTableId, table.Tags,
            [
                ("vpc", FieldValue.Of(table.VpcId)),
                ("routes", FieldValue.SetOf(routes)),
                ("subnets", FieldValue.SetOf(associations.Select(a => a.SubnetId))),
            ],
            associations.Select(a => (AssociationPrefix + a.SubnetId, a.RouteTableAssociationId)));
    }

    private static string Target(Route route) =>
        route.GatewayId ?? route.NatGatewayId ?? route.TransitGatewayId ?? route.VpcPeeringConnectionId ?? route.NetworkInterfaceId ?? route.InstanceId ?? "unknown";

    public async Task<CreatedResource> CreateAsync(ResolvedResource desired, CancellationToken ct)
    {
        var response = await ec2.Create("CreateRouteTable", c => ec2.Client.CreateRouteTableAsync(new CreateRouteTableRequest
        {
            VpcId = desired.Get("vpc"),
            TagSpecifications = Ec2Support.TagsAtCreation(ResourceType.RouteTable, desired.Tags),
        }, c), ct).ConfigureAwait(false);
        var id = response.RouteTable.RouteTableId;
        foreach (var route in desired.Set("routes"))
        {
            await CreateRoute(id, route, ct).ConfigureAwait(false);
        }

        foreach (var subnet in desired.Set("subnets"))
        {
            await Associate(id, subnet, ct).ConfigureAwait(false);
        }

        return new CreatedResource(id);
    }

    public async Task UpdateAsync(ResolvedResource desired, ObservedResource actual, IReadOnlyList<FieldChange> changes, CancellationToken ct)
    {
        if (changes.Any(c => c.Path == "routes"))
        {
            var want = desired.Set("routes").ToDictionary(Destination, r => r, StringComparer.Ordinal);
            var have = actual.SetOf("routes").ToDictionary(Destination, r => r, StringComparer.Ordinal);
            foreach (var (destination, route) in want)
            {
                if (!have.TryGetValue(destination, out var current))
                {
                    await CreateRoute(actual.AwsId, route, ct).ConfigureAwait(false);
                }
                else if (current != route)
                {
                    var (_, gateway, nat) = Parse(route);
                    await ec2.Mutate("ReplaceRoute", c => ec2.Client.ReplaceRouteAsync(new ReplaceRouteRequest
                    {
                        RouteTableId = actual.AwsId,
                        DestinationCidrBlock = destination,
                        GatewayId = gateway,
                        NatGatewayId = nat,
                    }, c), ct).ConfigureAwait(false);
                }
            }

            foreach (var destination in have.Keys.Where(d => !want.ContainsKey(d)))
            {
                await ec2.Delete("DeleteRoute", c => ec2.Client.DeleteRouteAsync(new DeleteRouteRequest { RouteTableId = actual.AwsId, DestinationCidrBlock = destination }, c), ct).ConfigureAwait(false);
            }
        }

        if (changes.Any(c => c.Path == "subnets"))
        {
            var want = desired.Set("subnets");
            var have = actual.SetOf("subnets");
            foreach (var subnet in want.Except(have))
            {
                await Associate(actual.AwsId, subnet, ct).ConfigureAwait(false);
            }

            foreach (var subnet in have.Except(want))
            {
                await Disassociate(actual.Attributes[AssociationPrefix + subnet], ct).ConfigureAwait(false);
            }
        }

        await ec2.UpdateTags(actual.AwsId, desired.Tags, changes, ct).ConfigureAwait(false);
    }

    private static string Destination(string route) => route[..route.IndexOf("->", StringComparison.Ordinal)];

    private static (string Destination, string? Gateway, string? Nat) Parse(string route)
    {
        var arrow = route.IndexOf("->", StringComparison.Ordinal);
        var target = route[(arrow + 2)..];
        return target.StartsWith("nat-", StringComparison.Ordinal)
            ? (route[..arrow], null, target)
            : (route[..arrow], target, null);
    }

    private Task CreateRoute(string tableId, string route, CancellationToken ct)
    {
        var (destination, gateway, nat) = Parse(route);
        return ec2.Mutate("CreateRoute", c => ec2.Client.CreateRouteAsync(new CreateRouteRequest
        {
            RouteTableId = tableId,
            DestinationCidrBlock = destination,
            GatewayId = gateway,
            NatGatewayId = nat,
        }, c), ct);
    }

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
        foreach (var (key, association) in actual.Attributes.Where(a => a.Key.StartsWith(AssociationPrefix, StringComparison.Ordinal)))
        {
            await Disassociate(association, ct).ConfigureAwait(false);
        }

        await ec2.DeleteResource("DeleteRouteTable", "InvalidRouteTableID.NotFound", c => ec2.Client.DeleteRouteTableAsync(new DeleteRouteTableRequest { RouteTableId = actual.AwsId }, c), ct).ConfigureAwait(false);
    }
}
