using Amazon.EC2.Model;
using Reconciler.Model.Graph;
using Reconciler.Model.Kinds;

namespace Reconciler.Import;

/// <summary>
/// The VPC and what hangs off it: subnets (public when their route table sends 0.0.0.0/0 to an internet gateway),
/// route tables, the internet gateway, one NAT gateway with its Elastic IP, and the security groups with their rules
/// (a rule naming another group becomes <c>source: name</c>).
/// </summary>
internal static class NetworkDiscovery
{
    private const string DefaultRoute = "0.0.0.0/0";

    public static async Task DiscoverAsync(ImportContext ctx, CancellationToken ct)
    {
        var c = ctx.Clients;
        var vpcId = ctx.VpcId ?? throw new InvalidOperationException("no VPC to import");
        var vpcFilter = new List<Filter> { new("vpc-id", [vpcId]) };
        var vpcs = await c.Ec2Read("DescribeVpcs", t => c.Ec2.DescribeVpcsAsync(new DescribeVpcsRequest { VpcIds = [vpcId] }, t), ct).ConfigureAwait(false);
        var vpc = vpcs.Vpcs.Single();
        // The spec's VPC has DNS support and DNS hostnames on (ECS hosts and RDS endpoints need them); one that has either
        // off cannot be written as it is, and adopting it would change it, so nothing of it is imported.
        foreach (var attribute in new[] { Amazon.EC2.VpcAttributeName.EnableDnsSupport, Amazon.EC2.VpcAttributeName.EnableDnsHostnames })
        {
            var answer = await c.Ec2Read("DescribeVpcAttribute", t => c.Ec2.DescribeVpcAttributeAsync(new DescribeVpcAttributeRequest { VpcId = vpcId, Attribute = attribute }, t), ct).ConfigureAwait(false);
            var on = attribute == Amazon.EC2.VpcAttributeName.EnableDnsSupport ? answer.EnableDnsSupport : answer.EnableDnsHostnames;
            if (on != true)
            {
                ctx.Leave("VPC", vpcId, $"{attribute.Value} is off and the spec's VPC has it on, so adopting it would change it: turn it on first (aws ec2 modify-vpc-attribute --vpc-id {vpcId} --{(attribute == Amazon.EC2.VpcAttributeName.EnableDnsSupport ? "enable-dns-support" : "enable-dns-hostnames")})");
                return;
            }
        }

        var subnets = await c.Ec2Read("DescribeSubnets", t => c.Ec2.DescribeSubnetsAsync(new DescribeSubnetsRequest { Filters = vpcFilter }, t), ct).ConfigureAwait(false);
        var tables = await c.Ec2Read("DescribeRouteTables", t => c.Ec2.DescribeRouteTablesAsync(new DescribeRouteTablesRequest { Filters = vpcFilter }, t), ct).ConfigureAwait(false);
        var gateways = await c.Ec2Read("DescribeInternetGateways", t => c.Ec2.DescribeInternetGatewaysAsync(
            new DescribeInternetGatewaysRequest { Filters = [new Filter("attachment.vpc-id", [vpcId])] }, t), ct).ConfigureAwait(false);
        var nats = await c.Ec2Read("DescribeNatGateways", t => c.Ec2.DescribeNatGatewaysAsync(
            new DescribeNatGatewaysRequest { Filter = [.. vpcFilter, new Filter("state", ["pending", "available"])] }, t), ct).ConfigureAwait(false);

        var targets = new List<AdoptionTarget> { new(GraphContext.LogicalId(VpcKind.Kind, GraphBuilder.VpcName), vpcId) };
        var main = tables.RouteTables.FirstOrDefault(t => t.Associations.Any(a => a.Main == true));
        RouteTable? TableOf(Subnet s) => tables.RouteTables.FirstOrDefault(t => t.Associations.Any(a => a.SubnetId == s.SubnetId)) ?? main;
        static bool IsPublic(RouteTable? t) => t?.Routes.Any(r => r.DestinationCidrBlock == DefaultRoute && (r.GatewayId ?? string.Empty).StartsWith("igw-", StringComparison.Ordinal)) == true;

        var subnetFields = new List<object>();
        foreach (var s in subnets.Subnets.OrderBy(s => !IsPublic(TableOf(s))).ThenBy(s => s.AvailabilityZone, StringComparer.Ordinal).ThenBy(s => s.CidrBlock, StringComparer.Ordinal))
        {
            var isPublic = IsPublic(TableOf(s));
            var zoneLetter = s.AvailabilityZone.Length > 0 ? s.AvailabilityZone[^1..] : "x";
            var name = ctx.NameFor("subnets", $"{(isPublic ? "public" : "private")}-{zoneLetter}");
            ctx.Names[s.SubnetId] = name;
            targets.Add(new AdoptionTarget(GraphContext.LogicalId(SubnetKind.Kind, name), s.SubnetId));
            var fields = new List<ImportedField> { new("name", name), new("zone", s.AvailabilityZone), new("cidr", s.CidrBlock) };
            if (isPublic)
            {
                fields.Add(new ImportedField("public", true));
            }

            subnetFields.Add(fields);
        }

        var network = new List<ImportedField>
        {
            new("cidr", vpc.CidrBlock),
            new("subnets", subnetFields, "guessed: names from public/private and the zone"),
        };
        var igw = gateways.InternetGateways.FirstOrDefault();
        if (igw is not null)
        {
            network.Add(new ImportedField("internetGateway", true));
            targets.Add(new AdoptionTarget(GraphContext.LogicalId(InternetGatewayKind.Kind, GraphBuilder.VpcName), igw.InternetGatewayId));
        }

        // The spec has one NAT gateway (natGateway: { subnet }): the one a route table sends traffic to is taken, any
        // other is reported.
        var natList = nats.NatGateways
            .OrderBy(n => tables.RouteTables.Any(t => t.Routes.Any(r => r.NatGatewayId == n.NatGatewayId)) ? 0 : 1)
            .ThenBy(n => n.NatGatewayId, StringComparer.Ordinal).ToList();
        if (natList.FirstOrDefault() is { } nat && ctx.Names.TryGetValue(nat.SubnetId, out var natSubnet))
        {
            network.Add(new ImportedField("natGateway", new List<ImportedField> { new("subnet", natSubnet) }));
            targets.Add(new AdoptionTarget(GraphContext.LogicalId(NatGatewayKind.Kind, GraphBuilder.VpcName), nat.NatGatewayId));
            if (nat.NatGatewayAddresses.FirstOrDefault()?.AllocationId is { } allocation)
            {
                targets.Add(new AdoptionTarget(GraphContext.LogicalId(ElasticIpKind.Kind, NatGatewayKind.AddressName), allocation));
            }
        }

        foreach (var extra in natList.Skip(1))
        {
            ctx.Leave("NAT gateway", extra.NatGatewayId, "a second NAT gateway: the spec has one (natGateway: { subnet })");
        }

        AddRouteTables(ctx, tables.RouteTables, subnets.Subnets, TableOf, IsPublic, targets);
        ctx.Add(new ImportedEntry("network", "main", vpcId, network, [], targets));
    }

    /// <summary>
    /// The spec's two route tables, <c>public</c> and <c>private</c>; a subnet on another table than its class's first,
    /// or a route the spec cannot say (peering, endpoints...), is reported.
    /// </summary>
    private static void AddRouteTables(ImportContext ctx, List<RouteTable> tables, List<Subnet> subnets, Func<Subnet, RouteTable?> tableOf, Func<RouteTable?, bool> isPublic, List<AdoptionTarget> targets)
    {
        foreach (var group in subnets.GroupBy(s => isPublic(tableOf(s))))
        {
            var name = group.Key ? RouteTableKind.Public : RouteTableKind.Private;
            var used = group.Select(tableOf).Where(t => t is not null).Select(t => t!).DistinctBy(t => t.RouteTableId).ToList();
            if (used.Count == 0)
            {
                continue;
            }

            targets.Add(new AdoptionTarget(GraphContext.LogicalId(RouteTableKind.Kind, name), used[0].RouteTableId));
            foreach (var other in used.Skip(1))
            {
                ctx.Leave("route table", other.RouteTableId, $"a second {name} route table: the spec has one per class, its subnets would move to {used[0].RouteTableId}");
            }

            foreach (var route in used[0].Routes.Where(r => r.DestinationCidrBlock is not null && r.GatewayId != "local" && r.DestinationCidrBlock != DefaultRoute))
            {
                ctx.Leave("route", $"{used[0].RouteTableId} {route.DestinationCidrBlock}", "the spec has only the default route to the internet or NAT gateway");
            }
        }

        foreach (var unused in tables.Where(t => !t.Associations.Any(a => a.Main == true) && !subnets.Any(s => tableOf(s)?.RouteTableId == t.RouteTableId)))
        {
            ctx.Leave("route table", unused.RouteTableId, "associated with no subnet");
        }
    }

    public static async Task DiscoverSecurityGroupsAsync(ImportContext ctx, IReadOnlySet<string>? only, CancellationToken ct)
    {
        var c = ctx.Clients;
        var answer = await c.Ec2Read("DescribeSecurityGroups", t => c.Ec2.DescribeSecurityGroupsAsync(
            new DescribeSecurityGroupsRequest { Filters = [new Filter("vpc-id", [ctx.VpcId!])] }, t), ct).ConfigureAwait(false);
        var groups = answer.SecurityGroups.Where(g => g.GroupName != "default").ToList();
        if (only is not null)
        {
            // From a cluster or a load balancer: the groups in use, and the groups their rules name, transitively.
            var wanted = new HashSet<string>(only, StringComparer.Ordinal);
            for (var grew = true; grew;)
            {
                grew = false;
                foreach (var g in groups.Where(g => wanted.Contains(g.GroupId)).ToList())
                {
                    foreach (var pair in g.IpPermissions.Concat(g.IpPermissionsEgress).SelectMany(p => p.UserIdGroupPairs))
                    {
                        grew |= wanted.Add(pair.GroupId);
                    }
                }
            }

            groups = groups.Where(g => wanted.Contains(g.GroupId)).ToList();
        }

        foreach (var g in groups.OrderBy(g => g.GroupName, StringComparer.Ordinal))
        {
            ctx.Names[g.GroupId] = ctx.NameFor("securityGroups", ImportNames.Logical(ctx.Environment, g.GroupName));
        }

        foreach (var g in groups.OrderBy(g => g.GroupName, StringComparer.Ordinal))
        {
            var name = ctx.Names[g.GroupId];
            var requires = new List<string> { "network/main" };
            var fields = new List<ImportedField> { new("name", name) };
            if (ImportNames.AwsName(ctx.Environment, name, g.GroupName) is { } awsName)
            {
                fields.Add(new ImportedField("awsName", awsName));
            }

            fields.Add(new ImportedField("description", g.Description));
            var problem = (string?)null;
            var ingress = Rules(ctx, g.IpPermissions, requires, ref problem);
            if (ingress.Count > 0)
            {
                fields.Add(new ImportedField("ingress", ingress));
            }

            // No egress key means AWS's default, all traffic to 0.0.0.0/0 (EC2 user guide, "Security group rules":
            // a new group "includes an outbound rule that allows all outbound traffic").
            var defaultEgress = g.IpPermissionsEgress.Count == 1 && g.IpPermissionsEgress[0].IpProtocol == "-1"
                && g.IpPermissionsEgress[0].Ipv4Ranges.Count == 1 && g.IpPermissionsEgress[0].Ipv4Ranges[0].CidrIp == DefaultRoute
                && g.IpPermissionsEgress[0].UserIdGroupPairs.Count == 0 && g.IpPermissionsEgress[0].Ipv6Ranges.Count == 0;
            if (!defaultEgress)
            {
                fields.Add(new ImportedField("egress", Rules(ctx, g.IpPermissionsEgress, requires, ref problem)));
            }

            if (problem is not null)
            {
                ctx.Leave($"security group {g.GroupName}", g.GroupId, problem);
                ctx.Names.Remove(g.GroupId);
                continue;
            }

            ctx.Add(new ImportedEntry("securityGroups", name, g.GroupId, fields, requires.Distinct(StringComparer.Ordinal).ToList(),
                [new AdoptionTarget(GraphContext.LogicalId(SecurityGroupKind.Kind, name), g.GroupId)]));
        }
    }

    private static List<object> Rules(ImportContext ctx, List<IpPermission> permissions, List<string> requires, ref string? problem)
    {
        var rules = new List<object>();
        foreach (var p in permissions)
        {
            var protocol = p.IpProtocol switch { "-1" => "all", "6" => "tcp", "17" => "udp", "1" => "icmp", var other => other };
            if (protocol is not ("tcp" or "udp" or "icmp" or "all"))
            {
                problem = $"protocol {p.IpProtocol} has no field in the spec (tcp, udp, icmp, all)";
            }

            if (p.Ipv6Ranges.Count > 0 || p.PrefixListIds.Count > 0)
            {
                problem = "IPv6 ranges and prefix lists have no field in the spec";
            }

            var ports = new List<ImportedField>();
            if (protocol != "all")
            {
                ports.Add(new ImportedField("port", p.FromPort ?? 0));
                if ((p.ToPort ?? 0) != (p.FromPort ?? 0))
                {
                    ports.Add(new ImportedField("toPort", p.ToPort ?? 0));
                }
            }

            foreach (var range in p.Ipv4Ranges)
            {
                rules.Add(Rule([new("protocol", protocol), .. ports, new("cidr", range.CidrIp)]));
            }

            foreach (var pair in p.UserIdGroupPairs)
            {
                if (!ctx.Names.TryGetValue(pair.GroupId, out var source))
                {
                    problem = $"a rule names group {pair.GroupId}, which is not imported (the VPC's default group or another VPC's)";
                    continue;
                }

                requires.Add($"securityGroups/{source}");
                rules.Add(Rule([new("protocol", protocol), .. ports, new("source", source)]));
            }
        }

        return rules;
    }

    private static List<ImportedField> Rule(List<ImportedField> fields) => fields;
}
