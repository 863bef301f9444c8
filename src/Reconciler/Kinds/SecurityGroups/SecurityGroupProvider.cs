using Amazon.EC2;
using Amazon.EC2.Model;
using Reconciler.Aws;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;

namespace Reconciler.Providers.Ec2;

/// <summary>
/// Security groups, with ingress and egress rules diffed rule by rule: the missing are authorized, the extra revoked.
/// Rules naming a group that does not exist yet wait for the next pass. With no egress in the spec, the desired
/// egress is AWS's default allow-all rule, so the default is never reported as drift.
/// </summary>
internal sealed class SecurityGroupProvider(Ec2Support ec2) : IResourceProvider
{
    public ResourceKind Kind => ResourceKinds.SecurityGroup;

    public async Task<IReadOnlyList<ObservedResource>> ObserveAsync(IReadOnlyCollection<string> environments, IReadOnlyCollection<DesiredResource> desired, CancellationToken ct)
    {
        var groups = await ec2.Pages("DescribeSecurityGroups",
            (token, c) => ec2.Client.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest { Filters = Ec2Support.OwnedBy(environments), NextToken = token }, c),
            r => r.SecurityGroups, r => r.NextToken, ct).ConfigureAwait(false);
        return groups.Select(g => Ec2Support.Observed(Kind, g.GroupId, g.Tags,
            [
                ("vpc", FieldValue.Of(g.VpcId)),
                ("name", FieldValue.Of(g.GroupName)),
                ("description", FieldValue.Of(g.Description)),
                ("ingress", FieldValue.SetOf(Canonical(g.IpPermissions))),
                ("egress", FieldValue.SetOf(Canonical(g.IpPermissionsEgress))),
            ])).OfType<ObservedResource>().ToList();
    }

    /// <summary>One canonical rule per target of each AWS permission.</summary>
    public static IEnumerable<string> Canonical(IEnumerable<IpPermission>? permissions)
    {
        foreach (var p in permissions ?? [])
        {
            var from = p.FromPort;
            var to = p.ToPort;
            foreach (var range in p.Ipv4Ranges ?? [])
            {
                yield return SecurityRules.Canonical(p.IpProtocol, from, to, range.CidrIp);
            }

            foreach (var range in p.Ipv6Ranges ?? [])
            {
                yield return SecurityRules.Canonical(p.IpProtocol, from, to, range.CidrIpv6);
            }

            foreach (var pair in p.UserIdGroupPairs ?? [])
            {
                yield return SecurityRules.Canonical(p.IpProtocol, from, to, SecurityRules.GroupTarget(pair.GroupId));
            }

            foreach (var list in p.PrefixListIds ?? [])
            {
                yield return SecurityRules.Canonical(p.IpProtocol, from, to, "pl:" + list.Id);
            }
        }
    }

    /// <summary>The AWS permission of one canonical rule.</summary>
    public static IpPermission Permission(string rule)
    {
        var parts = rule.Split(':', 3);
        var target = parts[2];
        var permission = new IpPermission { IpProtocol = parts[0] };
        if (parts[0] != "-1")
        {
            var (_, from, to, _, _) = SecurityRules.Parse(rule);
            permission.FromPort = from;
            permission.ToPort = to;
        }

        if (target.StartsWith("sg:", StringComparison.Ordinal))
        {
            permission.UserIdGroupPairs = [new UserIdGroupPair { GroupId = target[3..] }];
        }
        else if (target.StartsWith("pl:", StringComparison.Ordinal))
        {
            permission.PrefixListIds = [new PrefixListId { Id = target[3..] }];
        }
        else if (target.Contains(':', StringComparison.Ordinal))
        {
            permission.Ipv6Ranges = [new Ipv6Range { CidrIpv6 = target }];
        }
        else
        {
            permission.Ipv4Ranges = [new IpRange { CidrIp = target }];
        }

        return permission;
    }

    public async Task<CreatedResource> CreateAsync(ResolvedResource desired, CancellationToken ct)
    {
        // A group name is unique within its VPC (CreateSecurityGroup API reference: "InvalidGroup.Duplicate"): the group
        // holding it is adopted if its tags are ours (a create whose answer was lost), else reported with its id.
        var (name, vpc) = (desired.Get("name"), desired.Get("vpc"));
        var id = await TaggedResources.CreateOrAdoptAsync(
            async () => (await ec2.Create("CreateSecurityGroup", c => ec2.Client.CreateSecurityGroupAsync(new CreateSecurityGroupRequest
            {
                GroupName = name,
                Description = desired.Get("description"),
                VpcId = vpc,
                TagSpecifications = Ec2Support.TagsAtCreation(ResourceType.SecurityGroup, desired.Tags),
            }, c), ct).ConfigureAwait(false)).GroupId,
            async () => (await ec2.Read("DescribeSecurityGroups", c => ec2.Client.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest
            {
                Filters = [new Filter("vpc-id", [vpc]), new Filter("group-name", [name])],
            }, c), ct).ConfigureAwait(false)).SecurityGroups?.FirstOrDefault() is { } existing
                ? (existing.GroupId, (existing.Tags ?? []).GroupBy(t => t.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal))
                : null,
            groupId => groupId,
            desired.Tags,
            $"the security group name {name} in {vpc}",
            "InvalidGroup.Duplicate").ConfigureAwait(false);
        await SyncRules(id, desired.Set("ingress"), [], ingress: true, ct).ConfigureAwait(false);
        await SyncRules(id, desired.Set("egress"), [SecurityRules.AllowAllEgress], ingress: false, ct).ConfigureAwait(false);
        return new CreatedResource(id);
    }

    public async Task UpdateAsync(ResolvedResource desired, ObservedResource actual, IReadOnlyList<FieldChange> changes, CancellationToken ct)
    {
        if (changes.Any(c => c.Path == "ingress"))
        {
            await SyncRules(actual.AwsId, desired.Set("ingress"), actual.SetOf("ingress"), ingress: true, ct).ConfigureAwait(false);
        }

        if (changes.Any(c => c.Path == "egress"))
        {
            await SyncRules(actual.AwsId, desired.Set("egress"), actual.SetOf("egress"), ingress: false, ct).ConfigureAwait(false);
        }

        await ec2.UpdateTags(actual.AwsId, desired.Tags, changes, ct).ConfigureAwait(false);
    }

    private async Task SyncRules(string groupId, IReadOnlyCollection<string> want, IReadOnlyCollection<string> have, bool ingress, CancellationToken ct)
    {
        var add = want.Except(have, StringComparer.Ordinal).Select(Permission).ToList();
        var remove = have.Except(want, StringComparer.Ordinal).Select(Permission).ToList();
        if (remove.Count > 0)
        {
            // Already revoked, or naming a group that is gone: either way the rule is not there to revoke.
            await Ignoring(["InvalidPermission.NotFound", "InvalidGroup.NotFound"], ingress
                ? ec2.Delete("RevokeSecurityGroupIngress", c => ec2.Client.RevokeSecurityGroupIngressAsync(new RevokeSecurityGroupIngressRequest { GroupId = groupId, IpPermissions = remove }, c), ct)
                : ec2.Delete("RevokeSecurityGroupEgress", c => ec2.Client.RevokeSecurityGroupEgressAsync(new RevokeSecurityGroupEgressRequest { GroupId = groupId, IpPermissions = remove }, c), ct)).ConfigureAwait(false);
        }

        if (add.Count > 0)
        {
            // A duplicate means a retried call already added them: the rules are there.
            await Ignoring(["InvalidPermission.Duplicate"], ingress
                ? ec2.Mutate("AuthorizeSecurityGroupIngress", c => ec2.Client.AuthorizeSecurityGroupIngressAsync(new AuthorizeSecurityGroupIngressRequest { GroupId = groupId, IpPermissions = add }, c), ct)
                : ec2.Mutate("AuthorizeSecurityGroupEgress", c => ec2.Client.AuthorizeSecurityGroupEgressAsync(new AuthorizeSecurityGroupEgressRequest { GroupId = groupId, IpPermissions = add }, c), ct)).ConfigureAwait(false);
        }
    }

    private static async Task Ignoring(string[] codes, Task call)
    {
        try
        {
            await call.ConfigureAwait(false);
        }
        catch (AwsCallException ex) when (codes.Contains(ex.Error.Code))
        {
        }
    }

    public async Task DeleteAsync(ObservedResource actual, CancellationToken ct)
    {
        // Rules that name other groups would keep those groups from being deleted: revoke them first.
        var crossIngress = actual.SetOf("ingress").Where(r => r.Contains(":sg:", StringComparison.Ordinal)).ToList();
        var crossEgress = actual.SetOf("egress").Where(r => r.Contains(":sg:", StringComparison.Ordinal)).ToList();
        await SyncRules(actual.AwsId, actual.SetOf("ingress").Except(crossIngress).ToList(), actual.SetOf("ingress"), ingress: true, ct).ConfigureAwait(false);
        await SyncRules(actual.AwsId, actual.SetOf("egress").Except(crossEgress).ToList(), actual.SetOf("egress"), ingress: false, ct).ConfigureAwait(false);
        await ec2.DeleteResource("DeleteSecurityGroup", "InvalidGroup.NotFound", c => ec2.Client.DeleteSecurityGroupAsync(new DeleteSecurityGroupRequest { GroupId = actual.AwsId }, c), ct).ConfigureAwait(false);
    }
}
