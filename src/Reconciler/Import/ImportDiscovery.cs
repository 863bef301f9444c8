using Reconciler.Aws.Elbv2;
using Reconciler.Model.Graph;
using Reconciler.Model.Kinds;

namespace Reconciler.Import;

/// <summary>
/// <c>reconciler import</c>'s discovery, read-only: from the starting point (a VPC, a cluster or a load balancer) it
/// follows the links AWS records (subnets of the VPC, groups of an instance, target groups of a listener, services of
/// a target group, images and log groups of a task definition...), then drops what --include/--exclude leave out and,
/// transitively, whatever needs something that is not kept, so that the spec is never written wrong.
/// </summary>
internal static class ImportDiscovery
{
    public static async Task<ImportResult> RunAsync(ImportOptions options, ImportClients clients, CancellationToken ct)
    {
        var ctx = new ImportContext(options, clients);
        IReadOnlySet<string>? onlyClusters = null;
        IReadOnlySet<string>? onlyGroups = null;
        Func<Elbv2LoadBalancer, bool> wantedBalancer = _ => true;
        if (options.VpcId is { } vpc)
        {
            ctx.VpcId = vpc;
        }
        else if (options.LoadBalancer is { } lbName)
        {
            var lb = (await clients.Elb.DescribeLoadBalancersAsync(ct).ConfigureAwait(false)).FirstOrDefault(b => b.Name == lbName)
                ?? throw new ImportException($"no load balancer named {lbName} in {options.Region}");
            ctx.VpcId = await VpcOfSubnetAsync(clients, lb.Subnets[0], ct).ConfigureAwait(false);
            wantedBalancer = b => b.Arn == lb.Arn;
            onlyGroups = lb.SecurityGroups.ToHashSet(StringComparer.Ordinal);
            // The clusters of the services behind its target groups, known first: their hosts come too.
            var forwards = (await clients.Elb.DescribeListenersAsync(lb.Arn, ct).ConfigureAwait(false))
                .SelectMany(l => l.DefaultActions).Select(a => a.TargetGroupArn).OfType<string>().ToList();
            var behind = forwards.Count == 0 ? [] : await ContainerDiscovery.ClustersAsync(ctx, [], forwards, ct).ConfigureAwait(false);
            onlyClusters = behind.Select(c => c.ClusterName).ToHashSet(StringComparer.Ordinal);
        }
        else if (options.Cluster is { } clusterName)
        {
            var cluster = (await ContainerDiscovery.ClustersAsync(ctx, [clusterName], [], ct).ConfigureAwait(false)).FirstOrDefault()
                ?? throw new ImportException($"no active ECS cluster named {clusterName} in {options.Region}");
            var arns = await clients.Ecs.ListServicesAsync(cluster.ClusterArn, ct).ConfigureAwait(false);
            var services = arns.Count == 0 ? [] : await clients.Ecs.DescribeServicesAsync(cluster.ClusterArn, arns, ct).ConfigureAwait(false);
            var groups = services.SelectMany(s => s.LoadBalancers ?? []).Select(l => l.TargetGroupArn).Where(a => a is not null).ToHashSet(StringComparer.Ordinal);
            var listeners = new List<Elbv2LoadBalancer>();
            foreach (var lb in await clients.Elb.DescribeLoadBalancersAsync(ct).ConfigureAwait(false))
            {
                if ((await clients.Elb.DescribeListenersAsync(lb.Arn, ct).ConfigureAwait(false)).Any(l => l.DefaultActions.Any(a => a.TargetGroupArn is { } tg && groups.Contains(tg))))
                {
                    listeners.Add(lb);
                }
            }

            var balancerArns = listeners.Select(b => b.Arn).ToHashSet(StringComparer.Ordinal);
            wantedBalancer = b => balancerArns.Contains(b.Arn);
            onlyClusters = new HashSet<string>([clusterName], StringComparer.Ordinal);
            onlyGroups = listeners.SelectMany(b => b.SecurityGroups).ToHashSet(StringComparer.Ordinal);
            ctx.VpcId = listeners.Count > 0
                ? await VpcOfSubnetAsync(clients, listeners[0].Subnets[0], ct).ConfigureAwait(false)
                : await VpcOfClusterHostsAsync(clients, clusterName, ct).ConfigureAwait(false);
        }

        if (ctx.VpcId is null)
        {
            throw new ImportException("found no VPC to start from: give --vpc");
        }

        await NetworkDiscovery.DiscoverAsync(ctx, ct).ConfigureAwait(false);
        if (onlyGroups is not null)
        {
            // The hosts of the cluster bring their groups too: read them before the groups are chosen.
            var hostGroups = await HostGroupsAsync(ctx, onlyClusters, ct).ConfigureAwait(false);
            onlyGroups = onlyGroups.Concat(hostGroups).ToHashSet(StringComparer.Ordinal);
        }

        await NetworkDiscovery.DiscoverSecurityGroupsAsync(ctx, onlyGroups, ct).ConfigureAwait(false);
        var hostClusters = await ComputeDiscovery.DiscoverAsync(ctx, onlyClusters, ct).ConfigureAwait(false);
        if (options.VpcId is not null)
        {
            await DatabaseDiscovery.DiscoverAsync(ctx, ct).ConfigureAwait(false);
        }

        var targetGroups = await LoadBalancingDiscovery.DiscoverAsync(ctx, wantedBalancer, ct).ConfigureAwait(false);
        IReadOnlyCollection<string> named = onlyClusters is { Count: > 0 } ? onlyClusters : hostClusters;
        var clusters = await ContainerDiscovery.ClustersAsync(ctx, named, targetGroups, ct).ConfigureAwait(false);
        await ContainerDiscovery.DiscoverAsync(ctx, clusters, ct).ConfigureAwait(false);
        return Prune(ctx);
    }

    /// <summary>
    /// Drops the entries of the sections not wanted, then, until nothing changes, every entry that needs one that is
    /// gone (a service whose target group went, a host whose group went...), each with its reason.
    /// </summary>
    private static ImportResult Prune(ImportContext ctx)
    {
        var kept = new List<ImportedEntry>();
        foreach (var entry in ctx.Entries)
        {
            if (ctx.Options.Wants(entry.Section))
            {
                kept.Add(entry);
            }
            else
            {
                ctx.Leave($"{entry.Section}/{entry.Name}", entry.AwsId, "excluded by --include/--exclude");
            }
        }

        for (var changed = true; changed;)
        {
            changed = false;
            var present = kept.SelectMany(e => e.Provides.Append(e.Key)).ToHashSet(StringComparer.Ordinal);
            foreach (var entry in kept.ToList())
            {
                var missing = entry.Requires.FirstOrDefault(r => r != entry.Key && !present.Contains(r));
                if (missing is not null)
                {
                    kept.Remove(entry);
                    ctx.Leave(entry.Key, entry.AwsId, $"needs {missing}, which is left out");
                    changed = true;
                }
            }
        }

        if (ctx.Zone is { } zone && kept.Any(e => e.Section == "dns"))
        {
            kept.Add(new ImportedEntry("zone", zone.Name, zone.Id, [], [], [new AdoptionTarget(GraphContext.LogicalId(HostedZoneKind.Kind, zone.Name), zone.Id)]));
        }

        return new ImportResult(ctx.Options, kept, ctx.LeftOut, kept.Any(e => e.Section == "dns") ? ctx.Zone : null);
    }

    private static async Task<string> VpcOfSubnetAsync(ImportClients c, string subnetId, CancellationToken ct)
    {
        var answer = await c.Ec2Read("DescribeSubnets", t => c.Ec2.DescribeSubnetsAsync(new Amazon.EC2.Model.DescribeSubnetsRequest { SubnetIds = [subnetId] }, t), ct).ConfigureAwait(false);
        return answer.Subnets.Single().VpcId;
    }

    /// <summary>A cluster with no load balancer: the VPC of the first instance whose user data joins it.</summary>
    private static async Task<string?> VpcOfClusterHostsAsync(ImportClients c, string cluster, CancellationToken ct)
    {
        var answer = await c.Ec2Read("DescribeInstances", t => c.Ec2.DescribeInstancesAsync(new Amazon.EC2.Model.DescribeInstancesRequest
        {
            Filters = [new Amazon.EC2.Model.Filter("instance-state-name", ["pending", "running", "stopping", "stopped"])],
        }, t), ct).ConfigureAwait(false);
        foreach (var i in answer.Reservations.SelectMany(r => r.Instances).Where(i => i.VpcId is not null))
        {
            var data = await c.Ec2Read("DescribeInstanceAttribute", t => c.Ec2.DescribeInstanceAttributeAsync(
                new Amazon.EC2.Model.DescribeInstanceAttributeRequest { InstanceId = i.InstanceId, Attribute = "userData" }, t), ct).ConfigureAwait(false);
            if (data.InstanceAttribute.UserData is { Length: > 0 } b64
                && System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(b64)).Contains($"ECS_CLUSTER={cluster}", StringComparison.Ordinal))
            {
                return i.VpcId;
            }
        }

        return null;
    }

    /// <summary>The security groups of the instances that join one of <paramref name="clusters"/>.</summary>
    private static async Task<IEnumerable<string>> HostGroupsAsync(ImportContext ctx, IReadOnlySet<string>? clusters, CancellationToken ct)
    {
        if (clusters is not { Count: > 0 })
        {
            return [];
        }

        var c = ctx.Clients;
        var answer = await c.Ec2Read("DescribeInstances", t => c.Ec2.DescribeInstancesAsync(new Amazon.EC2.Model.DescribeInstancesRequest
        {
            Filters = [new Amazon.EC2.Model.Filter("vpc-id", [ctx.VpcId!]), new Amazon.EC2.Model.Filter("instance-state-name", ["pending", "running", "stopping", "stopped"])],
        }, t), ct).ConfigureAwait(false);
        var result = new List<string>();
        foreach (var i in answer.Reservations.SelectMany(r => r.Instances))
        {
            var data = await c.Ec2Read("DescribeInstanceAttribute", t => c.Ec2.DescribeInstanceAttributeAsync(
                new Amazon.EC2.Model.DescribeInstanceAttributeRequest { InstanceId = i.InstanceId, Attribute = "userData" }, t), ct).ConfigureAwait(false);
            var script = data.InstanceAttribute.UserData is { Length: > 0 } b64 ? System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(b64)) : string.Empty;
            if (clusters.Any(cl => script.Contains($"ECS_CLUSTER={cl}", StringComparison.Ordinal)))
            {
                result.AddRange(i.SecurityGroups.Select(g => g.GroupId));
            }
        }

        return result;
    }
}
