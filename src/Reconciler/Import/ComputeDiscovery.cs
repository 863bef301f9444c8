using System.Text;
using System.Text.RegularExpressions;
using Amazon.EC2.Model;
using Reconciler.Model.Graph;
using Reconciler.Model.Kinds;

namespace Reconciler.Import;

/// <summary>
/// The instances of the VPC as host groups: instances alike (type, image, groups, profile, cluster, key, Elastic IP)
/// form one group of <c>count</c>, spread round-robin over its subnets as the spec's expansion does; the cluster comes
/// from <c>ECS_CLUSTER=</c> in the user data.
/// </summary>
internal static partial class ComputeDiscovery
{
    // Instances launched from a launch template carry the tags aws:ec2launchtemplate:id and :version (EC2 user guide,
    // "Launch EC2 instances using a launch template",
    // https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/launch-instances-from-launch-template.html).
    private const string LaunchTemplateTag = "aws:ec2launchtemplate:id";

    /// <summary>Adds the host groups; returns the physical names of the clusters their user data joins.</summary>
    public static async Task<IReadOnlyList<string>> DiscoverAsync(ImportContext ctx, IReadOnlySet<string>? onlyClusters, CancellationToken ct)
    {
        var c = ctx.Clients;
        var answer = await c.Ec2Read("DescribeInstances", t => c.Ec2.DescribeInstancesAsync(new DescribeInstancesRequest
        {
            Filters = [new Filter("vpc-id", [ctx.VpcId!]), new Filter("instance-state-name", ["pending", "running", "stopping", "stopped"])],
        }, t), ct).ConfigureAwait(false);
        var addresses = await c.Ec2Read("DescribeAddresses", t => c.Ec2.DescribeAddressesAsync(new DescribeAddressesRequest(), t), ct).ConfigureAwait(false);
        var eips = addresses.Addresses.Where(a => !string.IsNullOrEmpty(a.InstanceId)).GroupBy(a => a.InstanceId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().AllocationId, StringComparer.Ordinal);

        var candidates = new List<(Instance Instance, string? Cluster, string Key)>();
        var clusters = new SortedSet<string>(StringComparer.Ordinal);
        // Ordered by subnet name, then launch: instance i of a group lands in the same subnet as the expansion's i.
        var all = answer.Reservations.SelectMany(r => r.Instances)
            .OrderBy(i => ctx.Names.GetValueOrDefault(i.SubnetId ?? string.Empty, "~"), StringComparer.Ordinal)
            .ThenBy(i => i.LaunchTime).ThenBy(i => i.InstanceId, StringComparer.Ordinal);
        foreach (var i in all)
        {
            if (i.MetadataOptions?.HttpTokens?.Value != "required")
            {
                // The spec's hosts require IMDSv2 session tokens; adopting a host that allows IMDSv1 would change it.
                ctx.Leave("instance", i.InstanceId, $"allows IMDSv1 (HttpTokens {i.MetadataOptions?.HttpTokens?.Value ?? "optional"}) and the spec's hosts require tokens: require them first (aws ec2 modify-instance-metadata-options --instance-id {i.InstanceId} --http-tokens required)");
                continue;
            }

            if (i.Tags.Any(t => t.Key == LaunchTemplateTag))
            {
                ctx.Leave("instance", i.InstanceId, "launched from a launch template: the spec's hosts have no launch template field");
                continue;
            }

            var userData = await c.Ec2Read("DescribeInstanceAttribute", t => c.Ec2.DescribeInstanceAttributeAsync(
                new DescribeInstanceAttributeRequest { InstanceId = i.InstanceId, Attribute = "userData" }, t), ct).ConfigureAwait(false);
            var script = userData.InstanceAttribute.UserData is { Length: > 0 } b64 ? Encoding.UTF8.GetString(Convert.FromBase64String(b64)) : string.Empty;
            var joined = EcsCluster().Match(script) is { Success: true } m ? m.Groups[1].Value : null;
            if (onlyClusters is not null && (joined is null || !onlyClusters.Contains(joined)))
            {
                continue;
            }

            // The spec's hosts send exactly ECS_CLUSTER=<cluster> and user data forces a replacement (AWS reads it only at
            // launch), so a host joins its cluster in the spec only when its user data is exactly that; any other script
            // keeps the host group without `cluster:`, and the instances as they are.
            var cluster = joined is not null && script.TrimEnd('\n') == $"ECS_CLUSTER={joined}" ? joined : null;
            if (joined is not null && cluster is null)
            {
                ctx.Leave("a host's cluster link", i.InstanceId, $"it joins cluster {joined} through a user data script the spec cannot hold: its host group has no `cluster:` (the spec's user data would replace the instance)");
            }

            if (!i.SecurityGroups.All(g => ctx.Names.ContainsKey(g.GroupId)) || !ctx.Names.ContainsKey(i.SubnetId))
            {
                ctx.Leave("instance", i.InstanceId, "uses a security group or subnet that is not imported");
                continue;
            }

            var groups = string.Join(",", i.SecurityGroups.Select(g => ctx.Names[g.GroupId]).Order(StringComparer.Ordinal));
            var key = string.Join("|", i.InstanceType.Value, i.ImageId, groups, i.IamInstanceProfile?.Arn, cluster, i.KeyName, eips.ContainsKey(i.InstanceId));
            candidates.Add((i, cluster, key));
            if (joined is not null)
            {
                clusters.Add(joined);
            }
        }

        foreach (var group in candidates.GroupBy(x => x.Key))
        {
            AddGroup(ctx, group.Select(x => x.Instance).ToList(), group.First().Cluster, eips);
        }

        return [.. clusters];
    }

    private static void AddGroup(ImportContext ctx, List<Instance> instances, string? cluster, Dictionary<string, string> eips)
    {
        // The expansion puts instance i in subnets[i % n]: order the instances so that it holds, else one group each.
        var subnets = instances.Select(i => i.SubnetId).Distinct(StringComparer.Ordinal).ToList();
        var ordered = new List<Instance>();
        var pending = instances.ToList();
        for (var i = 0; pending.Count > 0; i++)
        {
            var next = pending.FirstOrDefault(x => x.SubnetId == subnets[i % subnets.Count]);
            if (next is null)
            {
                foreach (var alone in instances)
                {
                    AddGroup(ctx, [alone], cluster, eips);
                }

                return;
            }

            ordered.Add(next);
            pending.Remove(next);
        }

        var first = ordered[0];
        var tagName = first.Tags.FirstOrDefault(t => t.Key == "Name")?.Value;
        var name = ctx.NameFor("hosts", tagName is null ? "hosts" : ImportNames.Logical(ctx.Environment, tagName));
        var targets = new List<AdoptionTarget>();
        for (var i = 0; i < ordered.Count; i++)
        {
            targets.Add(new AdoptionTarget(GraphContext.LogicalId(InstanceKind.Kind, $"{name}-{i}"), ordered[i].InstanceId)
            {
                // What the instance provider reads back as its user data (AWS describes it only per instance).
                ProviderTags = cluster is null ? new Dictionary<string, string>() : new Dictionary<string, string> { [InstanceProvider.UserDataTag] = $"ECS_CLUSTER={cluster}" },
            });
            if (eips.TryGetValue(ordered[i].InstanceId, out var allocation))
            {
                targets.Add(new AdoptionTarget(GraphContext.LogicalId(ElasticIpKind.Kind, $"{name}-{i}"), allocation));
            }
        }

        var groups = first.SecurityGroups.Select(g => ctx.Names[g.GroupId]).Order(StringComparer.Ordinal).ToList();
        var fields = new List<ImportedField>
        {
            new("name", name, tagName is null ? null : $"guessed: from the Name tag {tagName}"),
            new("count", ordered.Count),
            new("image", first.ImageId, "the AMI it runs; ecs-optimized would follow AWS's recommended one"),
            new("instanceType", first.InstanceType.Value),
            new("subnets", subnets.Select(s => (object)ctx.Names[s]).ToList()),
        };
        if (groups.Count > 0)
        {
            fields.Add(new ImportedField("securityGroups", groups.Cast<object>().ToList()));
        }

        if (eips.ContainsKey(first.InstanceId))
        {
            fields.Add(new ImportedField("elasticIp", true));
        }

        if (first.IamInstanceProfile?.Arn is { } profile)
        {
            fields.Add(new ImportedField("instanceProfile", RoleNames.ProfileFromNameOrArn(profile)));
        }

        var requires = new List<string> { "network/main" };
        requires.AddRange(groups.Select(g => $"securityGroups/{g}"));
        if (cluster is not null)
        {
            var logical = ImportNames.Logical(ctx.Environment, cluster);
            fields.Add(new ImportedField("cluster", logical));
            requires.Add($"clusters/{logical}");
        }

        if (first.KeyName is { Length: > 0 } keyName)
        {
            fields.Add(new ImportedField("keyName", keyName));
        }

        ctx.Add(new ImportedEntry("hosts", name, string.Join(",", ordered.Select(i => i.InstanceId)), fields, requires, targets));
    }

    [GeneratedRegex(@"ECS_CLUSTER=([A-Za-z0-9_-]+)")]
    private static partial Regex EcsCluster();
}
